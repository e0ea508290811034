import Taro from '@tarojs/taro';

const IS_H5 = process.env.TARO_ENV === 'h5';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Hands an .xlsx file (base64 from the `party` function; a copy of the admin console's helper, so this sub-package does not pull in the admin one) to the person. weapp: written to the
 * app's user folder and opened with the system viewer, whose menu can forward or save it.
 * h5: a download through a Blob link.
 */
export async function saveXlsx(base64: string, fileName: string): Promise<void> {
  if (IS_H5) {
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64');
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}


/**
 * Lets the person pick an .xlsx file and reads it as base64 (a copy of the admin console's pickXlsx,
 * for the same reason as saveXlsx). weapp: from a chat (chooseMessageFile — the usual way a file
 * reaches a phone); h5: the browser's file picker. Resolves null when nothing was picked.
 */
export function pickXlsx(): Promise<{ name: string; size: number; base64: string } | null> {
  if (IS_H5) {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,' + XLSX_MIME;
      input.style.display = 'none';
      input.onchange = () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        const reader = new FileReader();
        reader.onload = () => resolve({ name: file.name, size: file.size, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
        reader.onerror = () => reject(new Error('read failed'));
        reader.readAsDataURL(file);
      };
      document.body.appendChild(input);
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
    .then(({ tempFiles }) => {
      const f = tempFiles[0];
      if (!f) return null;
      const base64 = Taro.getFileSystemManager().readFileSync(f.path, 'base64') as string;
      return { name: f.name, size: f.size, base64 };
    })
    .catch((e: { errMsg?: string }) => {
      if (e?.errMsg?.includes('cancel')) return null;
      throw e;
    });
}
