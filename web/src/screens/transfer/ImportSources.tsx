import { createSignal, createUniqueId } from 'solid-js';

// The three ways in: an export file (picked or dropped), text (links pasted), or pictures of a
// Google Authenticator export's QR codes (all parts at once).
export function ImportSources(props: {
  /** The links typed or pasted, kept by the screen so a refused text can be corrected. */
  text: string;
  onTextChange: (text: string) => void;
  onFile: (file: File) => void;
  onText: (text: string) => void;
  onPictures: (files: File[]) => void;
}) {
  const fileId = createUniqueId();
  const picturesId = createUniqueId();
  const [dragging, setDragging] = createSignal(false);

  return (
    <div class="transfer-sources">
      <section class="transfer-source" aria-labelledby={`${fileId}-title`}>
        <h2 id={`${fileId}-title`}>From a file</h2>
        <div
          class="transfer-drop"
          classList={{ 'transfer-drop-active': dragging() }}
          onDragEnter={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const file = e.dataTransfer?.files[0];
            if (file) props.onFile(file);
          }}
        >
          <p>Drop an export file here, or</p>
          <input
            id={fileId}
            class="visually-hidden"
            type="file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) props.onFile(file);
            }}
          />
          <label for={fileId} class="button button-primary">
            Choose a file
          </label>
          <p class="field-hint">
            Aegis, 2FAS, Bitwarden, Ente Auth, andOTP, FreeOTP+, a text file of otpauth:// links, or a Tessera backup
            (.tessera). Encrypted files ask for their password.
          </p>
        </div>
      </section>

      <section class="transfer-source" aria-labelledby={`${fileId}-text-title`}>
        <h2 id={`${fileId}-text-title`}>From links</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (props.text.trim() !== '') props.onText(props.text);
          }}
        >
          <div class="field">
            <label for={`${fileId}-text`}>otpauth:// or otpauth-migration:// links, one per line</label>
            <textarea
              id={`${fileId}-text`}
              class="mono transfer-text"
              rows="4"
              value={props.text}
              autocomplete="off"
              autocapitalize="off"
              spellcheck={false}
              onInput={(e) => props.onTextChange(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button" disabled={props.text.trim() === ''}>
            Read the links
          </button>
        </form>
      </section>

      <section class="transfer-source" aria-labelledby={`${picturesId}-title`}>
        <h2 id={`${picturesId}-title`}>From Google Authenticator QR codes</h2>
        <p class="muted">
          Pictures or screenshots of the codes shown by Transfer accounts › Export accounts. Choose every part of the
          export at once.
        </p>
        <input
          id={picturesId}
          class="visually-hidden"
          type="file"
          accept="image/*"
          multiple
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length > 0) props.onPictures(files);
          }}
        />
        <label for={picturesId} class="button">
          Choose pictures
        </label>
      </section>
    </div>
  );
}
