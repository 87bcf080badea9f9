import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";
import { parseQuizFilter, filterQuery } from "./params";
import { histogramMedianMs } from "./quiz";

describe("CSV cells", () => {
  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell('Say "hi", then\nleave')).toBe('"Say ""hi"", then\nleave"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(12.5)).toBe("12.5");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    // Numbers we format are numbers, negative ones included.
    expect(csvCell(-0.25)).toBe("-0.25");
  });

  it("joins rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe("analytics filters from the URL", () => {
  it("keeps valid values and drops invalid ones", () => {
    expect(
      parseQuizFilter(
        new URLSearchParams(
          "course=kubernetes-pki&lesson=client-certificates&from=2026-01-01&to=2026-01-31&sort=firstCorrect&dir=desc&flag=too-hard",
        ),
      ),
    ).toEqual({
      course: "kubernetes-pki",
      lesson: "client-certificates",
      from: "2026-01-01",
      to: "2026-01-31",
      sort: "firstCorrect",
      dir: "desc",
      flag: "too-hard",
    });
    const junk = parseQuizFilter({
      course: "../etc",
      lesson: "x",
      from: "2026-02-30",
      to: "yesterday",
      sort: "DROP TABLE",
      dir: "up",
      flag: "evil",
    });
    expect(junk).toEqual({
      course: undefined,
      lesson: undefined,
      from: undefined,
      to: undefined,
      sort: "lesson",
      dir: "asc",
      flag: undefined,
    });
  });

  it("swaps a reversed range and round-trips through the query string", () => {
    const f = parseQuizFilter({ course: "c", from: "2026-03-10", to: "2026-03-01" });
    expect([f.from, f.to]).toEqual(["2026-03-01", "2026-03-10"]);
    expect(parseQuizFilter(new URLSearchParams(filterQuery(f).slice(1)))).toEqual(f);
  });
});

describe("median from the time histogram", () => {
  it("interpolates inside the bucket holding the middle answer", () => {
    expect(histogramMedianMs([0, 1, 3, 0, 1])).toBeCloseTo(1000 * 2 ** 2.5, 6);
    expect(histogramMedianMs([2])).toBeCloseTo(1000 * 2 ** 0.5, 6);
    expect(histogramMedianMs([0, 0])).toBeNull();
  });
});
