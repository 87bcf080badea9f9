/**
 * Editing sessions typed into both the real vim and the simulator's. Each entry is a list of
 * input messages (one message is what one keypress or one paste sends; an <Esc> always ends a
 * message, as it does when a person types it). Typical CKA/CKAD edits of generated manifests and
 * of kubectl edit's file, plus the commands the issue lists.
 */
export const ESC = "\x1b";
export const CR = "\r";
export const ctrl = (c: string) => String.fromCharCode(c.toUpperCase().charCodeAt(0) - 64);

export interface Scenario {
  name: string;
  file: "deploy" | "pod" | "edit" | "notes" | "newfile" | "noeol";
  messages: string[];
  /** also compare the screen (text and cursor) before the closing keys; default true */
  screen?: boolean;
  size?: [number, number];
  program?: "vim" | "view";
  /** keys that end the session; default <Esc> then :wq! */
  closing?: string[];
}

export const SCENARIOS: Scenario[] = [
  // changing an image
  { name: "ciw on the image name", file: "deploy", messages: ["/image" + CR, "w", "ciw", "httpd", ESC] },
  { name: ":%s to change the image", file: "deploy", messages: [":%s/nginx/httpd:2.4/g" + CR] },
  { name: "C after f: to replace an image tag", file: "edit", messages: ["/image" + CR, "f:", "l", "C", "1.27", ESC] },
  { name: "cw on a word in the middle", file: "deploy", messages: ["/name: web" + CR, "w", "cw", "frontend", ESC] },
  { name: "cW over a version string", file: "edit", messages: ["/nginx:" + CR, "cW", "nginx:1.27.3", ESC] },
  // replicas
  { name: "r to change the replica count", file: "deploy", messages: ["/replicas" + CR, "$", "r5"] },
  { name: "CTRL-A on the replica count", file: "deploy", messages: ["/replicas" + CR, "5" + ctrl("a")] },
  { name: "CTRL-X below zero", file: "deploy", messages: ["/replicas" + CR, "7" + ctrl("x")] },
  { name: "cc retypes a line and ':' re-indents it", file: "deploy", messages: ["9G", "cc", "replicas: 5", ESC] },
  { name: "S on the replicas line", file: "deploy", messages: ["/replicas" + CR, "S", "  replicas: 2", ESC] },
  // adding lines (yaml indentexpr)
  { name: "o after labels: adds a label", file: "deploy", messages: ["/labels" + CR, "o", "tier: frontend", ESC] },
  { name: "o after a mapping key opens deeper, ':' re-indents", file: "deploy", messages: ["6G", "o", "tier: frontend", ESC] },
  {
    name: "O above resources adds env",
    file: "deploy",
    messages: ["/resources" + CR, "O", "env:" + CR + "- name: MODE" + CR + "value: prod", ESC],
  },
  { name: "A then Enter continues a list item", file: "pod", messages: ["/- sleep" + CR, "A" + CR + "- infinity", ESC] },
  {
    name: "new pod typed into a new file",
    file: "newfile",
    messages: ["i", "apiVersion: v1" + CR + "kind: Pod" + CR + "metadata:" + CR + "name: p" + CR, ESC],
  },
  {
    name: "typing a container list",
    file: "newfile",
    messages: [
      "i",
      "spec:" + CR + "containers:" + CR + "- name: c" + CR + "image: nginx" + CR + "ports:" + CR + "- containerPort: 80",
      ESC,
    ],
  },
  { name: "o on a comment line repeats the leader", file: "edit", messages: ["2G", "o", "more words", ESC] },
  { name: "Enter inside a comment line", file: "edit", messages: ["gg", "fL", "i" + CR, ESC] },
  { name: "3o with a count", file: "deploy", messages: ["G", "3o", "x: 1", ESC] },
  { name: "o then Esc leaves an empty line", file: "deploy", messages: ["/labels" + CR, "o", ESC] },
  {
    name: "set paste stops the indenting",
    file: "deploy",
    messages: [":set paste" + CR, "/containers" + CR, "o", "- name: side" + CR + "  image: busybox", ESC],
  },
  { name: "set paste then nopaste restores expandtab", file: "deploy", messages: [":set paste" + CR, ":set nopaste" + CR, "4G", ">>"] },
  // deleting
  { name: "dd deletes the resources line", file: "deploy", messages: ["/resources" + CR, "dd"] },
  { name: "3dd then u then CTRL-R", file: "deploy", messages: ["4G", "3dd", "u", ctrl("r")] },
  { name: "d} deletes to the paragraph end", file: "notes", messages: ["3G", "d}"] },
  { name: "dG from the status line", file: "edit", messages: ["/^status" + CR, "dG"] },
  { name: "ggdG empties the file", file: "deploy", messages: ["gg", "dG"] },
  { name: ":g/pattern/d removes every match", file: "deploy", messages: [":g/creationTimestamp/d" + CR] },
  { name: ":5,8d deletes a range", file: "edit", messages: [":5,8d" + CR] },
  { name: "x and 3x", file: "deploy", messages: ["w", "x", "3x"] },
  { name: "X deletes before the cursor", file: "deploy", messages: ["$", "2X"] },
  { name: "dw at the last word of a line", file: "deploy", messages: ["3G", "dw"] },
  { name: "d$ and D", file: "edit", messages: ["6G", "w", "d$", "j", "D"] },
  { name: "de and dE", file: "notes", messages: ["de", "j", "dE"] },
  { name: "dt: and df:", file: "deploy", messages: ["5G", "dt:", "j", "df:"] },
  { name: "diw and daw", file: "notes", messages: ["w", "diw", "j", "w", "daw"] },
  { name: 'di" inside quotes', file: "pod", messages: ["/3600" + CR, 'di"'] },
  { name: 'ci" to change a quoted value', file: "edit", messages: ["/revision" + CR, 'ci"', "2", ESC] },
  { name: 'da" with its trailing space', file: "edit", messages: ["/2025" + CR, 'da"'] },
  { name: "dap deletes a paragraph", file: "notes", messages: ["dap"] },
  { name: "ci{ empties a flow mapping", file: "deploy", messages: ["/strategy" + CR, "f{", "ci{", "type: Recreate", ESC] },
  // yank and put
  { name: "yyp duplicates a line", file: "deploy", messages: ["/- image" + CR, "yyp"] },
  { name: "2yy G p", file: "deploy", messages: ["/- image" + CR, "2yy", "G", "p"] },
  { name: "3p puts three copies", file: "deploy", messages: ["2G", "yy", "3p"] },
  { name: "P puts above", file: "deploy", messages: ["/name: nginx" + CR, "yy", "k", "P"] },
  { name: "yw and P inside a line", file: "notes", messages: ["yw", "$", "p"] },
  { name: "ddp swaps two lines", file: "pod", messages: ["9G", "ddp"] },
  { name: "xp swaps two characters", file: "notes", messages: ["xp"] },
  { name: "named register a", file: "deploy", messages: ["2G", '"ayy', "G", '"ap', "gg", '"aP'] },
  { name: "yiw then viwp replaces a word", file: "deploy", messages: ["/app: web" + CR, "w", "yiw", "/name: nginx" + CR, "w", "viwp"] },
  // indenting
  { name: ">> and << on one line", file: "deploy", messages: ["/replicas" + CR, ">>", "j", "<<"] },
  { name: "3>> shifts three lines", file: "deploy", messages: ["/containers" + CR, "j", "3>>"] },
  { name: ">> in a text file inserts a tab", file: "notes", messages: [">>", "j", ">>"] },
  { name: "visual V>> shifts the selection", file: "pod", messages: ["/- args" + CR, "Vjj>"] },
  { name: "visual V2< shifts twice", file: "edit", messages: ["/maxSurge" + CR, "Vj2<"] },
  { name: ":set sw=4 then >>", file: "deploy", messages: [":set sw=4" + CR, "9G", ">>"] },
  { name: "gg=G re-indents yaml", file: "deploy", messages: ["gg=G"] },
  { name: ">j with a motion", file: "pod", messages: ["14G", ">j"] },
  // visual mode
  { name: "vjd across lines", file: "deploy", messages: ["4G", "w", "vjd"] },
  { name: "Vjd deletes lines", file: "deploy", messages: ["4G", "Vjd"] },
  { name: "vey then P", file: "notes", messages: ["w", "vey", "0", "P"] },
  { name: "visual ~ and U", file: "notes", messages: ["v$~", "j", "VU"] },
  { name: "visual J joins", file: "notes", messages: ["3G", "VjJ"] },
  { name: "visual : range substitute", file: "deploy", messages: ["/labels" + CR, "Vj", ":s/app/tier/" + CR] },
  { name: "visual c changes the selection", file: "deploy", messages: ["/web" + CR, "ve", "c", "api", ESC] },
  { name: "visual o swaps the end", file: "notes", messages: ["w", "vee", "o", "h", "d"] },
  // joins
  { name: "J joins two lines", file: "notes", messages: ["3G", "J"] },
  { name: "3J joins three lines", file: "deploy", messages: ["/matchLabels" + CR, "3J"] },
  { name: "J after a sentence end adds two spaces", file: "notes", messages: ["5G", "J", "u", "6G", "A Yes.", ESC, "kJ"] },
  { name: "gJ joins without a space", file: "notes", messages: ["3GgJ"] },
  // insert mode keys
  { name: "A appends, I inserts at the indent", file: "deploy", messages: ["/image" + CR, "A", ":1.27", ESC, "j", "I", "# ", ESC] },
  { name: "a after the cursor", file: "notes", messages: ["fu", "a", "X", ESC] },
  { name: "3ix<Esc> repeats the insert", file: "notes", messages: ["3i", "ab", ESC] },
  { name: "3ix<C-c> does not repeat", file: "notes", messages: ["3i", "ab", ctrl("c")] },
  { name: "CTRL-C drops the keys typed ahead of it", file: "notes", messages: ["3i", "ab" + ctrl("c")] },
  { name: "<BS> in yaml indent removes a softtabstop", file: "deploy", messages: ["/app: web" + CR, "w", "i" + "\x7f\x7f", ESC] },
  { name: "<BS> joins lines (backspace=eol)", file: "notes", messages: ["2G", "i\x7f\x7f", ESC] },
  { name: "CTRL-W deletes a word back", file: "notes", messages: ["A" + ctrl("w") + ctrl("w"), ESC] },
  { name: "CTRL-U deletes the typed line", file: "notes", messages: ["A", " more text" + ctrl("u"), ESC] },
  { name: "arrows in insert mode break the undo", file: "notes", messages: ["A", "one", "\x1b[D\x1b[D", "two", ESC, "u"] },
  { name: "R replaces characters", file: "notes", messages: ["w", "R", "DOWNGRADE", ESC] },
  { name: "<Tab> in yaml inserts spaces", file: "newfile", messages: ["i", "a:" + CR + "\tb: 1", ESC] },
  { name: "CTRL-T and CTRL-D", file: "deploy", messages: ["9G", "A" + ctrl("t") + ctrl("t") + ctrl("d"), ESC] },
  // bracketed paste (vim turns it on with t_BE for an xterm; xterm.js wraps a paste the same way)
  {
    name: "paste in insert mode keeps the indentation",
    file: "deploy",
    messages: ["/containers" + CR, "o", '\x1b[200~- name: sidecar\r  image: busybox\r  command: ["sleep", "3600"]\x1b[201~', ESC],
  },
  { name: "paste in normal mode appends after the cursor", file: "notes", messages: ["w", "\x1b[200~PASTED\x1b[201~"] },
  { name: "paste in normal mode at column 0 inserts", file: "notes", messages: ["j0", "\x1b[200~one\rtwo \x1b[201~"] },
  { name: "paste then . repeats it", file: "notes", messages: ["\x1b[200~ab\x1b[201~", "j", "."] },
  { name: "paste on the command line", file: "deploy", messages: [":", "\x1b[200~%s/web/api/g\x1b[201~", CR] },
  // repeat
  { name: "dd then . .", file: "deploy", messages: ["2G", "dd", ".", "."] },
  { name: "A;<Esc> j . repeats the append", file: "notes", messages: ["A", ";", ESC, "j", "."] },
  { name: ">> j . repeats the shift", file: "pod", messages: ["8G", ">>", "j", "."] },
  { name: "cw then w . repeats the change", file: "notes", messages: ["cw", "X", ESC, "w", "."] },
  { name: "3. replaces the count", file: "deploy", messages: ["2G", "dd", "3."] },
  { name: "x . with a count", file: "notes", messages: ["2x", "."] },
  // counts and motions
  { name: "5j and 2k then x", file: "edit", messages: ["5j", "2k", "x"] },
  { name: "w b e motions", file: "notes", messages: ["3w", "x", "2b", "x", "e", "x"] },
  { name: "0 ^ $ motions", file: "deploy", messages: ["4G", "$", "x", "0", "x", "^", "x"] },
  { name: ":N goes to a line", file: "deploy", messages: [":12" + CR, "dd"] },
  { name: "G and gg", file: "deploy", messages: ["G", "dd", "gg", "dd"] },
  { name: "counted G", file: "deploy", messages: ["7G", "x"] },
  { name: "% on braces", file: "deploy", messages: ["/{}" + CR, "%", "x"] },
  { name: "f ; , and t", file: "edit", messages: ["gg", "fe", ";", ";", ",", "x", "tw", "x"] },
  { name: "} and { paragraph motions", file: "notes", messages: ["}", "x", "{", "x"] },
  { name: "H M L", file: "edit", messages: ["L", "x", "H", "x", "M", "x"], size: [80, 20] },
  // search
  { name: "/search n N", file: "deploy", messages: ["/app" + CR, "n", "n", "N", "x"] },
  { name: "?search backwards", file: "deploy", messages: ["G", "?name" + CR, "n", "x"] },
  { name: "search hit BOTTOM wraps", file: "deploy", messages: ["G", "/apiVersion" + CR] },
  { name: "search hit TOP wraps", file: "deploy", messages: ["?status" + CR] },
  { name: "E486 pattern not found", file: "deploy", messages: ["/nosuchthing" + CR] },
  { name: "* searches the word under the cursor", file: "deploy", messages: ["/web" + CR, "*", "x"] },
  { name: "# searches backwards", file: "deploy", messages: ["G", "k", "#", "x"] },
  { name: "/search with regex \\<\\>", file: "deploy", messages: ["/\\<name\\>" + CR, "x"] },
  { name: "n with no previous pattern", file: "deploy", messages: ["n"] },
  // substitute variants
  { name: ":s on the current line", file: "deploy", messages: ["6G", ":s/web/api/" + CR] },
  { name: ":%s with & in the replacement", file: "deploy", messages: [":%s/app: web/&-v2/" + CR] },
  { name: ":%s with groups", file: "edit", messages: [":%s/\\(max\\w*\\): \\(.*\\)/\\2 \\1/" + CR] },
  { name: ":s with no match", file: "deploy", messages: [":s/zzz/y/" + CR] },
  { name: ":2,5s with a range", file: "deploy", messages: [":2,5s/^/# /" + CR] },
  { name: ":%s count message", file: "edit", messages: [":%s/a/A/g" + CR] },
  // ex line commands
  { name: ":sort sorts lines", file: "notes", messages: [":sort" + CR] },
  { name: ":%norm A; appends to every line", file: "notes", messages: [":%norm A;" + CR] },
  { name: ":g/app/s//tier/ substitutes on matching lines", file: "deploy", messages: [":g/app/s/web/api/" + CR] },
  { name: ":v/app/d keeps only matching lines", file: "deploy", messages: [":v/app/d" + CR] },
  { name: ":2,4y then :pu", file: "notes", messages: [":2,4y" + CR, "G", ":pu" + CR] },
  { name: "gUiw and guu", file: "notes", messages: ["gUiw", "j", "guu"] },
  { name: ":m0 moves a line to the top", file: "deploy", messages: ["/kind" + CR, ":m0" + CR] },
  { name: ":t. copies a line", file: "deploy", messages: ["/image" + CR, ":t." + CR] },
  { name: ":3,4j joins", file: "notes", messages: [":3,4j" + CR] },
  { name: ":2,4> shifts", file: "pod", messages: [":8,10>" + CR] },
  // files and quitting
  { name: ":w writes and reports", file: "deploy", messages: ["x", ":w" + CR], closing: [":q" + CR] },
  { name: "E37 on :q with changes", file: "deploy", messages: ["x", ":q" + CR], closing: [":q!" + CR] },
  { name: ":q! discards", file: "deploy", messages: ["dd", ":q!" + CR], closing: [], screen: false },
  { name: "ZZ writes and quits", file: "deploy", messages: ["x", "ZZ"], closing: [], screen: false },
  { name: ":x writes when modified", file: "pod", messages: ["dd", ":x" + CR], closing: [], screen: false },
  { name: "new file [New] then :wq", file: "newfile", messages: ["ihello", ESC, ":w" + CR], closing: [":q" + CR] },
  { name: "view: E45 on :w", file: "deploy", program: "view", messages: [":w" + CR], closing: [":q" + CR] },
  { name: "[noeol] file opened and fixed", file: "noeol", messages: [], closing: [":wq" + CR] },
  { name: "undo back to the saved text allows :q", file: "deploy", messages: ["dd", "u", ":q" + CR], closing: [], screen: false },
  { name: "CTRL-C in normal mode", file: "deploy", messages: [ctrl("c")], closing: [":q" + CR] },
  { name: "CTRL-G file info", file: "deploy", messages: ["5G", ctrl("g")] },
  // screen: options and small terminals
  { name: ":set number", file: "deploy", messages: [":set number" + CR] },
  { name: ":set nu at 40 columns wraps long lines", file: "edit", messages: [":set nu" + CR], size: [40, 20] },
  { name: "long lines wrap at 40 columns", file: "edit", messages: [], size: [40, 20] },
  { name: "messages are truncated at 40 columns", file: "deploy", messages: ["3dd"], size: [40, 20] },
  { name: "E37 at 40 columns needs ENTER", file: "deploy", messages: ["x", ":q" + CR], size: [40, 20], closing: [CR, ":q!" + CR] },
  { name: "G scrolls to the end", file: "edit", messages: ["G"] },
  { name: "j past the bottom scrolls with scrolloff", file: "edit", messages: ["20j"] },
  { name: "G then k up scrolls back", file: "edit", messages: ["G", "40k"] },
  { name: "insert mode shows -- INSERT --", file: "deploy", messages: ["o", "x: y"] },
  { name: "visual mode shows -- VISUAL -- and the size", file: "deploy", messages: ["4G", "vjj"] },
  { name: "visual line mode", file: "deploy", messages: ["4G", "Vj"] },
  { name: "pending operator shows in showcmd", file: "deploy", messages: ["2d"] },
  { name: "the command line while typing", file: "deploy", messages: [":set sw"] },
  { name: ":set list shows tabs and ends", file: "notes", messages: [":set list" + CR] },
  { name: "~ lines past the end at 40x20", file: "pod", messages: [], size: [40, 20] },
  { name: "--No lines in buffer--", file: "pod", messages: ["ggdG"] },
];
