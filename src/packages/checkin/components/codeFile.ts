import Taro from '@tarojs/taro';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * Saves a code image (a data: URL from the server). h5: a browser download. weapp: written to the
 * app's user folder and saved to the phone's album, from where it is printed or sent to a printer.
 */
export async function saveCodeImage(dataUrl: string, name: string): Promise<void> {
  const m = /^data:([^;,]+);base64,(.*)$/.exec(dataUrl);
  if (!m) throw new Error('not a data URL');
  const ext = m[1].includes('svg') ? 'svg' : m[1].includes('png') ? 'png' : 'jpg';
  if (IS_H5) {
    const a = document.createElement('a');
    a.href = dataUrl;
    a.download = `${name}.${ext}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${Date.now()}.${ext}`;
  Taro.getFileSystemManager().writeFileSync(filePath, m[2], 'base64');
  await Taro.saveImageToPhotosAlbum({ filePath });
}

/** h5: a print-ready sheet (name, code, how to use) in a new window. weapp has no printing: save instead. */
export function printCodeSheet(dataUrl: string, title: string, lines: string[]): boolean {
  if (!IS_H5) return false;
  const w = window.open('', '_blank');
  if (!w) return false;
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  w.document.write(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head>` +
      `<body style="font-family:sans-serif;text-align:center;padding:40px">` +
      `<h1 style="font-size:40px;margin:0 0 8px">${esc(title)}</h1>` +
      lines.map((l) => `<p style="font-size:22px;margin:4px">${esc(l)}</p>`).join('') +
      `<img src="${dataUrl}" style="width:420px;height:420px;margin:24px auto;display:block" alt="签到码">` +
      `<p style="font-size:26px">微信扫一扫 · 到访签到</p></body></html>`,
  );
  w.document.close();
  w.focus();
  w.print();
  return true;
}
