import { describe, expect, it } from "vitest";
import { run, testEngine } from "../core/testing";
import type { Command } from "../types";

const out = async (...lines: string[]) => (await run(testEngine({ files: { "/root/a.txt": "one\ntwo\n" } }), ...lines)).output;

describe("shell", () => {
  it("prints bash's own errors", async () => {
    const e = testEngine();
    expect(await e.exec("foo")).toMatchObject({ output: "bash: foo: command not found\n", exitCode: 127 });
    expect(await e.exec("cd nosuch")).toMatchObject({ output: "bash: cd: nosuch: No such file or directory\n", exitCode: 1 });
    expect(await e.exec("cat < nosuch.txt")).toMatchObject({ output: "bash: nosuch.txt: No such file or directory\n", exitCode: 1 });
    expect(await e.exec("echo hi > /nosuchdir/x")).toMatchObject({
      output: "bash: /nosuchdir/x: No such file or directory\n",
      exitCode: 1,
    });
    expect(await e.exec("| echo")).toMatchObject({ output: "bash: syntax error near unexpected token `|'\n", exitCode: 2 });
    expect(await e.exec("cd a b")).toMatchObject({ output: "bash: cd: too many arguments\n", exitCode: 1 });
    expect(await e.exec("export 1a=b")).toMatchObject({ output: "bash: export: `1a=b': not a valid identifier\n", exitCode: 1 });
    expect(await e.exec("./run.sh")).toMatchObject({ output: "bash: ./run.sh: No such file or directory\n", exitCode: 127 });
    expect(await e.exec("/tmp")).toMatchObject({ output: "bash: /tmp: Is a directory\n", exitCode: 126 });
  });

  it("expands variables, quotes, tilde and $?", async () => {
    expect(await out("X='a  b'; echo $X \"$X\" '$X' \\$X")).toBe("a b a  b $X $X\n");
    expect(await out('echo ~ ~/x "~" a~')).toBe("/root /root/x ~ a~\n");
    expect(await out("false; echo $?; echo $?")).toBe("1\n0\n");
    expect(await out("echo ${HOME}/x ${NOPE:-dflt} ${#HOME}")).toBe("/root/x dflt 5\n");
    expect(await out("echo $constructor $__proto__ x")).toBe("x\n");
    expect(await out("export __proto__=p; echo $__proto__")).toBe("p\n");
    expect(await out("echo $'a\\tb'")).toBe("a\tb\n");
    expect(await out("A=1; A=2 env | grep ^A=; echo $A")).toBe("A=2\n1\n");
    expect(await out("x=5; echo $((x+1)) $(( $x * 2 )) $((7/2)) $((2**10)) $(( (1+2)*3 ))")).toBe("6 10 3 1024 9\n");
    expect(await out("echo $((1/0)); echo next")).toBe('bash: 1/0: division by 0 (error token is "0")\n');
  });

  it("runs command substitution, nested and in here-documents", async () => {
    expect(await out('echo "$(cat a.txt | base64 | tr -d "\\n")"')).toBe("b25lCnR3bwo=\n");
    expect(await out("echo $(echo $(echo deep))")).toBe("deep\n");
    expect(await out("echo `echo a \\`echo b\\``")).toBe("a b\n");
    expect(await out("echo $(cd /tmp; pwd); pwd")).toBe("/tmp\n/root\n");
    expect(await out("cat <<EOF\n$HOME $(echo x)\n\\$HOME\nEOF")).toBe("/root x\n$HOME\n");
    expect(await out("cat <<'EOF'\n$HOME\nEOF")).toBe("$HOME\n");
    expect(await out("cat <<-EOF\n\tindented\n\tEOF")).toBe("indented\n");
    expect(await out("cat <<EOF | wc -l\na\nb\nEOF")).toBe("2\n");
    expect(await out("cat <<EOF\nunterminated")).toBe(
      "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nunterminated\n",
    );
  });

  it("redirects and lists", async () => {
    expect(await out("echo a > f; echo b >> f; cat f")).toBe("a\nb\n");
    expect(await out("cat nosuch 2> err; cat err")).toBe("cat: nosuch: No such file or directory\n");
    expect(await out("cat a.txt nosuch > both 2>&1; cat both")).toBe("one\ntwo\ncat: nosuch: No such file or directory\n");
    expect(await out("cat nosuch &> both; cat both")).toBe("cat: nosuch: No such file or directory\n");
    expect(await out("cat nosuch 2>&1 | wc -l")).toBe("1\n");
    expect(await out("cat nosuch 2>/dev/null || echo failed")).toBe("failed\n");
    expect(await out("true && echo a; false || echo b; ! true; echo $?")).toBe("a\nb\n1\n");
    expect(await out("wc -l <<< 'x'")).toBe("1\n");
    expect(await out("echo a # comment; echo b")).toBe("a\n");
  });

  it("globs against the filesystem", async () => {
    const e = testEngine({
      files: { "/etc/kubernetes/pki/ca.crt": "c", "/etc/kubernetes/pki/ca.key": "k", "/etc/kubernetes/pki/apiserver.crt": "a" },
    });
    expect((await e.exec("ls /etc/kubernetes/pki/*.crt | cat")).output).toBe(
      "/etc/kubernetes/pki/apiserver.crt\n/etc/kubernetes/pki/ca.crt\n",
    );
    expect((await e.exec("echo /etc/kubernetes/pki/ca.???")).output).toBe("/etc/kubernetes/pki/ca.crt /etc/kubernetes/pki/ca.key\n");
    expect((await e.exec("echo /nosuch/*.crt '*'")).output).toBe("/nosuch/*.crt *\n");
    expect((await e.exec("cd /etc/kubernetes; echo pki/[a]*")).output).toBe("pki/apiserver.crt\n");
  });

  it("keeps history, cd -, clear and exit", async () => {
    const e = testEngine();
    await e.exec("cd /etc");
    expect(e.prompt()).toBe("controlplane:/etc$ ");
    expect((await e.exec("cd -")).output).toBe("/root\n");
    expect(e.prompt()).toBe("controlplane:~$ ");
    expect((await e.exec("history")).output).toBe("    1  cd /etc\n    2  cd -\n    3  history\n");
    expect(await e.exec("clear")).toMatchObject({ output: "\x1b[H\x1b[2J", clear: true });
    expect(await e.exec("exit 3; echo no")).toMatchObject({ output: "exit\n", exit: true, exitCode: 3 });
    expect(await e.exec("exit | cat; echo yes")).toMatchObject({ exit: false });
  });

  it("turns a throwing command into an internal error and rolls its writes back", async () => {
    const boom: Command = {
      name: "boom",
      summary: "throws",
      mutates: true,
      run(ctx) {
        ctx.fs.writeFile("/root/partial", "x");
        ctx.state.objects["/namespaces//x"] = {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: "x", uid: "u", resourceVersion: "1", creationTimestamp: "2026-11-28T09:08:33Z" },
        };
        throw new Error("bug");
      },
    };
    const e = testEngine({ commands: [boom] });
    expect(await e.exec("boom; echo after")).toMatchObject({ output: "boom: internal error\nafter\n", exitCode: 0 });
    expect(e.state.fs["/root/partial"]).toBeUndefined();
    expect(e.state.objects).toEqual({});
  });

  it("completes commands, paths and delegates to commands", async () => {
    const kubectl: Command = {
      name: "kubectl",
      summary: "k",
      run: () => ({ stdout: "", stderr: "", exitCode: 0 }),
      complete: (c) => ["get", "describe"].filter((s) => s.startsWith(c.current)),
    };
    const e = testEngine({ commands: [kubectl], files: { "/etc/kubernetes/pki/ca.crt": "c", "/etc/kubernetes/admin.conf": "a" } });
    expect(e.complete("kub", 3)).toEqual({ from: 0, to: 3, candidates: ["kubectl"] });
    expect(e.complete("kubectl g", 9)).toEqual({ from: 8, to: 9, candidates: ["get"] });
    expect(e.complete("cat /etc/kub", 12).candidates).toEqual(["/etc/kubernetes/"]);
    expect(e.complete("ls /etc/kubernetes/", 19).candidates).toEqual([
      "/etc/kubernetes/admin.conf",
      "/etc/kubernetes/manifests/",
      "/etc/kubernetes/pki/",
    ]);
    expect(e.complete("echo x | he", 11).candidates).toEqual(["head", "help"]);
    expect(e.complete("cat ~/.b", 8).candidates).toEqual(["~/.bashrc"]);
    expect(e.complete("cd /etc/k", 9).candidates).toEqual(["/etc/kubernetes/"]);
  });
});
