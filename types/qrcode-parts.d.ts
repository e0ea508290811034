// The two parts of the `qrcode` package the check-in function uses (its main entry would bundle
// a PNG encoder the function does not need). Shapes from qrcode 1.5.4's lib/.
declare module 'qrcode/lib/core/qrcode' {
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): unknown;
}
declare module 'qrcode/lib/renderer/svg-tag' {
  export function render(qr: unknown, options?: { margin?: number; width?: number; color?: { dark?: string; light?: string } }): string;
}
