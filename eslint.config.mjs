// @ts-check
/**
 * ESLint for the whole tree (`npm run lint`, a step of `npm test`). Next's flat config with
 * typescript-eslint, react-hooks and jsx-a11y, type-aware rules for lib/ and server/, and the
 * rules that encode the architecture (see docs/decisions.md, "House rules"):
 *  - lib/sim is pure: nothing from next, react, prisma, ws or lib/server;
 *  - a client component ("use client") never imports lib/server;
 *  - no process spawning or code evaluation outside scripts, tests and benchmarks (security D1);
 *  - no `any`, and no non-null `!` in server code (route handlers get a narrowed user instead).
 */
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";
import tseslint from "typescript-eslint";

/** Local rules: what no published plugin knows about this tree. */
const kubeyard = {
  rules: {
    "no-server-import-in-client": {
      meta: {
        type: "problem",
        messages: { server: "A client component may not import {{source}}: lib/server is server-only (it would ship to the browser)." },
        schema: [],
      },
      create(context) {
        const body = context.sourceCode.ast.body;
        const isClient = body.some((n) => n.type === "ExpressionStatement" && n.directive === "use client");
        if (!isClient) return {};
        const check = (node, source) => {
          if (typeof source === "string" && /(^|\/)lib\/server(\/|$)|^@\/lib\/server/.test(source))
            context.report({ node, messageId: "server", data: { source } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
        };
      },
    },
  },
};

const NO_SPAWN = [
  { name: "child_process", message: "No process is ever spawned from learner-reachable code (security D1)." },
  { name: "node:child_process", message: "No process is ever spawned from learner-reachable code (security D1)." },
  { name: "vm", message: "node:vm is not a security boundary (security D1)." },
  { name: "node:vm", message: "node:vm is not a security boundary (security D1)." },
  { name: "worker_threads", message: "Workers are started only by lib/server/workers (security D5)." },
];

const SIM_PURE = [
  { group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"], message: "lib/sim is pure: no Next.js or React." },
  { group: ["@prisma/*", "*/generated/prisma*", "pg", "ws"], message: "lib/sim is pure: no database or WebSocket." },
  {
    group: ["@/lib/server", "@/lib/server/*", "**/lib/server", "**/lib/server/*", "../../server/*", "../server/*"],
    message: "lib/sim may not import lib/server.",
  },
  { group: ["@/app/*", "**/app/*"], message: "lib/sim may not import the app." },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "bench/out/**",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTs,
  { plugins: { kubeyard } },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "error",
      "kubeyard/no-server-import-in-client": "error",
    },
  },
  // Accessibility: the full recommended set for the UI (Next's config enables only a few of its rules).
  { files: ["app/**/*.tsx"], rules: { ...jsxA11y.flatConfigs.recommended.rules } },
  // Type-aware rules where the logic lives.
  {
    files: ["lib/**/*.ts", "server/**/*.ts"],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // the simulator's command results are plain values; async functions without await are a deliberate interface shape
      "@typescript-eslint/require-await": "off",
    },
  },
  // Learner-reachable code: no spawning, no evaluation, no non-null assertions.
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts", "server/**/*.ts"],
    ignores: ["**/*.test.ts", "**/__tests__/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: NO_SPAWN }],
      "@typescript-eslint/no-non-null-assertion": "error",
    },
  },
  // lib/server may start its bounded worker pool.
  {
    files: ["lib/server/workers/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: NO_SPAWN.filter((p) => p.name !== "worker_threads") }] },
  },
  // The simulator is pure TypeScript (lib/sim/tsconfig.json has no DOM; purity is also tested).
  { files: ["lib/sim/**/*.ts"], rules: { "no-restricted-imports": ["error", { paths: NO_SPAWN, patterns: SIM_PURE }] } },
  // Its oracle tests run the real bash, openssl and kubectl binaries to compare with.
  { files: ["lib/sim/**/*.test.ts", "lib/sim/**/__tests__/**"], rules: { "no-restricted-imports": ["error", { patterns: SIM_PURE }] } },
  // Playwright's fixture callback is named `use`; it is not a React hook.
  { files: ["e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
);
