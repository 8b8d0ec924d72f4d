export const LINES_KEPT: number;
export const SOURCE_FILE: string;
export const CUT_FILE: string;

export function cutPasswordList(root?: string): Promise<number>;
