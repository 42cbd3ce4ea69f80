import { createMemo } from 'solid-js';
import { qrMatrix } from '../transfer/qr-matrix.ts';

/**
 * `text` as a QR code drawn on this device (qrcode-generator, one SVG path; no image service, no
 * style attribute), dark on white in both themes because that is what scanners expect.
 */
export function QrImage(props: { text: string; label: string }) {
  const matrix = createMemo(() => qrMatrix(props.text));
  return (
    <svg
      class="twofa-qr"
      viewBox={`0 0 ${matrix().size} ${matrix().size}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
      data-testid="twofa-qr"
    >
      <rect width={matrix().size} height={matrix().size} fill="#fff" />
      <path d={matrix().path} fill="#000" />
    </svg>
  );
}
