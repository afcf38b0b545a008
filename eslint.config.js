// ESLint for the block's plain browser JavaScript (no build step, no modules: each file is a classic script).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    {ignores: ["static/js/translations/**", "node_modules/**", ".venv/**"]},
    js.configs.recommended,
    {
        files: ["static/js/**/*.js"],
        languageOptions: {
            ecmaVersion: 2015,
            sourceType: "script",
            globals: {...globals.browser},
        },
        rules: {
            "no-unused-vars": ["error", {"vars": "local", "args": "none"}],
            "strict": ["error", "function"],
            "eqeqeq": "error",
            "no-var": "off",
            "curly": ["error", "multi-line"],
            "max-len": ["error", {"code": 120}],
        },
    },
];
