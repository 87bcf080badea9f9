/** Tailwind CSS 4 through its PostCSS plugin (the only PostCSS step). */
export default {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};
