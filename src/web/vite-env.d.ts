/** Side-effect imports of styles, handled by Vite. */
declare module '*.css';
