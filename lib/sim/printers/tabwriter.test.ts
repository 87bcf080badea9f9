import { describe, expect, it } from "vitest";
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from "./tabwriter";

describe("tabwriter", () => {
  it("pads each column to max+3, minimum 6, and never pads the last cell", () => {
    expect(tabwrite("NAME\tAGE\na\t1d\n", GET_TABWRITER)).toBe("NAME   AGE\na      1d\n");
    expect(tabwrite("A\tB\tC\n", GET_TABWRITER)).toBe("A     B     C\n");
  });
  it("keeps trailing padding of an empty tab-terminated cell (describe's Serial Number)", () => {
    const text = "Subject:\n\tCommon Name:\tjane\n\tSerial Number:\t\nEvents:\t<none>\n";
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe(
      "Subject:\n         Common Name:    jane\n         Serial Number:  \nEvents:  <none>\n",
    );
  });
  it("starts a new column block after a line without tabs", () => {
    expect(tabwrite("Name:\tx\nLong name here:\ty\nBreak\nA:\tz\n", DESCRIBE_TABWRITER)).toBe(
      "Name:            x\nLong name here:  y\nBreak\nA:  z\n",
    );
  });
});
