import { envSecret, SECRET_MIN_LENGTH } from './secret';

test('a_signing_secret_shorter_than_32_characters_is_refused_as_the_deploy_check_refuses_it', () => {
  const name = 'REDPARK_TEST_SECRET';
  const saved = process.env[name];
  const err = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(SECRET_MIN_LENGTH).toBe(32);
    process.env[name] = 'x'.repeat(31);
    expect(() => envSecret(name, '未配置')).toThrow('未配置');
    process.env[name] = 'x'.repeat(32);
    expect(envSecret(name, '未配置')).toBe('x'.repeat(32));
  } finally {
    err.mockRestore();
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
});
