import { createMemo } from 'solid-js';
import { qrMatrix } from './qr-matrix.ts';

/** `text` as a QR code, dark on white in both themes (scanners expect that), drawn as SVG. */
export function QrCode(props: { text: string; label: string }) {
  const matrix = createMemo(() => qrMatrix(props.text));
  return (
    <svg
      class="transfer-qr"
      viewBox={`0 0 ${matrix().size} ${matrix().size}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
    >
      <rect width={matrix().size} height={matrix().size} fill="#fff" />
      <path d={matrix().path} fill="#000" />
    </svg>
  );
}
