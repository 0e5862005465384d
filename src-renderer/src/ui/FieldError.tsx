/** The message under a form field that says what to change; announced to screen readers. */
export const FieldError = ({ id, message }: { id: string; message: string | null }) =>
  message ? (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  ) : null;
