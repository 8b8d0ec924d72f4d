/** Errors and notices above a form; the live region is always present so changes are announced. */
export function FormAlert({
  error,
  info,
}: {
  error?: string | null;
  info?: string | null;
}) {
  return (
    <div aria-live="assertive" role="alert">
      {error ? <p className="alert error">{error}</p> : null}
      {!error && info ? <p className="alert info">{info}</p> : null}
    </div>
  );
}
