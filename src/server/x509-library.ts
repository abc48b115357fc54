// @peculiar/x509 (with its dependencies, 350 KB) in a module of its own, which
// tls.ts loads only when it generates certificates. Imported statically here:
// a CommonJS package imported dynamically reaches a bundle as `default` alone.
// reflect-metadata first: the library's dependency injection needs the polyfill.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export { x509 };
