import {
  CODE_ALPHABET,
  CODE_LENGTH,
  certPeriod,
  checkCertCode,
  extractCertCode,
  formatCertCode,
  maskName,
  randomSerial,
  signCertCode,
  verifyUrl,
} from './certificate';

const SECRET = 'test-cert-secret-0123456789abcdef';

describe('certificate verification code', () => {
  it('is 10 characters from an alphabet without 0, O, 1 or I, shown as two groups of five', () => {
    const code = signCertCode(randomSerial(), SECRET);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/);
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
    expect(formatCertCode(code)).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  });

  it('a code signed with the secret verifies, in any case, with spaces or hyphens, or inside its verify URL', () => {
    const code = signCertCode('K7M2Q', SECRET);
    expect(checkCertCode(code, SECRET)).toEqual({ ok: true, code });
    expect(checkCertCode(formatCertCode(code).toLowerCase(), SECRET)).toEqual({ ok: true, code });
    expect(checkCertCode(` ${code.slice(0, 5)} ${code.slice(5)} `, SECRET)).toEqual({ ok: true, code });
    const url = verifyUrl('http://127.0.0.1:8080/', code);
    expect(url).toBe(`http://127.0.0.1:8080/#/packages/volunteer/verify/index?code=${code}`);
    expect(checkCertCode(url, SECRET)).toEqual({ ok: true, code });
    // What a mini-program gets when WeChat opens it from a plain-link QR: q=<encoded URL>.
    expect(checkCertCode(encodeURIComponent(url), SECRET)).toEqual({ ok: true, code });
  });

  it('refuses a code with any one character changed (serial or signature part)', () => {
    const code = signCertCode('K7M2Q', SECRET);
    for (let i = 0; i < CODE_LENGTH; i++) {
      const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[i]) + 1) % CODE_ALPHABET.length];
      const tampered = code.slice(0, i) + other + code.slice(i + 1);
      expect(checkCertCode(tampered, SECRET)).toEqual({ ok: false });
    }
  });

  it('refuses a code signed with another key, and everything without a key', () => {
    const code = signCertCode('K7M2Q', 'another-secret-0123456789abcdefgh');
    expect(checkCertCode(code, SECRET)).toEqual({ ok: false });
    expect(checkCertCode(signCertCode('K7M2Q', SECRET), '')).toEqual({ ok: false });
  });

  it('refuses malformed input: wrong length, letters outside the alphabet, junk', () => {
    for (const bad of ['', 'ABCDE', 'ABCDEFGHJKL', 'ABCDE-FGHJ0', 'OOOOOIIIII', '%E0%A4%A', '<script>', 'code=']) {
      expect(checkCertCode(bad, SECRET)).toEqual({ ok: false });
      expect(extractCertCode(bad)).toBe('');
    }
  });

  it('guessed codes pass the signature about once in 2^25 (none of 20,000 fixed guesses)', () => {
    // Fixed guesses with a fixed key, not random ones: a random run would fail by chance about
    // once in 1,700 runs (20,000 / 2^25) — a flaky test. Serial i and a scrambled MAC, in the alphabet.
    const word = (n: number) => Array.from({ length: 5 }, (_, k) => CODE_ALPHABET[Math.floor(n / 32 ** k) % 32]).join('');
    let passed = 0;
    for (let i = 0; i < 20_000; i++) {
      const guess = word(i * 1_009) + word((i * 2_654_435_761) % 32 ** 5);
      if (checkCertCode(guess, SECRET).ok) passed++;
    }
    expect(passed).toBe(0);
  });

  it('never signs a serial outside the alphabet', () => {
    expect(() => signCertCode('ABCD0', SECRET)).toThrow();
    expect(() => signCertCode('K7M2Q', '')).toThrow();
  });
});

describe('certificate helpers', () => {
  it('masks the name: first and last character kept', () => {
    expect(maskName('陈晓明')).toBe('陈*明');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳振华')).toBe('欧**华');
    expect(maskName('李')).toBe('李');
    expect(maskName(' ')).toBe('*');
  });

  it('the period of this year ends today; a past year is the whole year; a future year is refused', () => {
    expect(certPeriod(2026, '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(certPeriod(2025, '2026-11-23')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(certPeriod(2027, '2026-11-23')).toBeNull();
  });
});
