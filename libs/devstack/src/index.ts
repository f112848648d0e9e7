export * from './ports';
export * from './postgres';
export * from './temporal-server';
export * from './processes';
export * from './supervisor';
export * from './tcp-proxy';
