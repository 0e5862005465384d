import { useEffect, useState } from 'react';

export type RenderedQr = { qr: string; url: string };

/**
 * Draws the engine's QR string as a PNG data URL. The rendered string travels with the image so
 * what the page shows and what it says it shows never disagree while a rotated QR is drawn.
 */
export const useQrDataUrl = (qr: string | null): RenderedQr | null => {
  const [rendered, setRendered] = useState<RenderedQr | null>(null);
  useEffect(() => {
    if (qr === null) return;
    let cancelled = false;
    // The QR library loads with the first QR to draw: most starts never link a phone.
    import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toDataURL(qr, {
          errorCorrectionLevel: 'L',
          margin: 2,
          width: 264,
          color: { dark: '#122e31', light: '#ffffff' },
        }),
      )
      .then((url) => {
        if (!cancelled) setRendered({ qr, url });
      })
      .catch((error: unknown) => {
        console.error('Wren: could not draw the QR code', error);
      });
    return () => {
      cancelled = true;
    };
  }, [qr]);
  return qr === null ? null : rendered;
};
