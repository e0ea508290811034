/**
 * One jest run, three tiers told apart by suffix:
 *   *.test.ts        unit (pure code, no database)
 *   *.int.test.ts    integration: functions through the gateway against the embedded emulator
 *   *.contract.test.ts  the emulator driven through the real @cloudbase/node-sdk
 *   *.e2e.test.ts    headless Chromium on the h5 build
 *   *.weapp.test.ts  the weapp build (dist/) in a WeChat-like sandbox (e2e/weapp/)
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/server', '<rootDir>/cloudfunctions', '<rootDir>/local', '<rootDir>/scripts', '<rootDir>/e2e'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testTimeout: 30000,
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/cloudfunctions/.*/index.js'],
};
