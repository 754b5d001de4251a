/** Integration tests boot Strapi in-process on a database of their own; unit tests sit beside the code. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  testMatch: [
    '<rootDir>/tests/**/*.test.ts',
    '<rootDir>/src/**/*.test.ts',
    '<rootDir>/plugins/participation/server/src/**/*.test.ts',
    '<rootDir>/plugins/participation/shared/**/*.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/.tmp/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/dist/', '<rootDir>/plugins/participation/dist/'],
  testTimeout: 60000,
};
