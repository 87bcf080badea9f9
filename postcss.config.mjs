/** Tailwind CSS 4 through its PostCSS plugin (the only PostCSS step). */
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
