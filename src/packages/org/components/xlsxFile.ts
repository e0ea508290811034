import Taro from '@tarojs/taro';

const IS_H5 = process.env.TARO_ENV === 'h5';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Hands an .xlsx file (base64 from the `org` function; a copy of the admin console's helper, so this sub-package does not pull in another sub-package) to the person. weapp: written to the
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

