/** Browser tests: the production admin build served by Strapi, driven by playwright-core in Debian's Chromium. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/dist/', '<rootDir>/plugins/participation/dist/'],
  testTimeout: 120000,
};
