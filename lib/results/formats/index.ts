/** Every on-disk result format, by file family (the schemas; their TypeScript types are exported beside them). */
export * from "./common";
export * from "./training";
export * from "./quanv";
export * from "./studies";
export * from "./bench";
