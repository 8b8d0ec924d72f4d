// NIST 800-63B §5.1.1.2: at least 8 characters, and allow at least 64.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
