// The platform's deployables as `npm start` runs them locally.
export const services = [
  { name: 'example', entry: 'services/example/src/server.ts', port: 3100, env: {} },
];
