import { AddError } from '../../add/errors.ts';
import { pixelsFromBlob } from '../../add/pixels.ts';
import type { QrClient } from '../../services/qr-client.ts';

/**
 * The texts of the QR codes in `files`, one line each, decoded by the add flow's reader (in its
 * worker). A picture without a code is refused by name, since a Google Authenticator export
 * read without one of its parts would miss the accounts on it.
 */
export async function readQrPictures(files: readonly File[], qr: QrClient): Promise<string> {
  const texts: string[] = [];
  for (const [i, file] of files.entries()) {
    const text = await qr.decode(await pixelsFromBlob(file));
    if (text === null) {
      const name = files.length > 1 ? `picture ${i + 1} (${file.name || 'unnamed'})` : 'this picture';
      throw new AddError(
        'image-no-qr',
        `No QR code was found in ${name}. Make sure the whole code is in it, sharp and not cut off; a screenshot works best.`,
      );
    }
    texts.push(text);
  }
  return texts.join('\n');
}
