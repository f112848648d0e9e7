// Jest stands this in for stylesheets the components import (Vite bundles them for the browser).
export {};
