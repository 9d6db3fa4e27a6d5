// Proves that amounts are written in Chinese capitals (大寫金額) as on vouchers and
// cheques: hand-checked vectors cover zeros inside and at group boundaries, 壹拾, 整
// after 元 only, 零 before a lone 分, the 萬/億/萬億 groups, negatives, and the amounts
// that cannot be written.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import { Amount, CNY, Dec } from "../src/Amount"
import { ChineseCapitalMoneyUnsupported, toChineseCapitalMoney, toChineseCapitalMoneyEither } from "../src/ChineseNumerals"

// Each vector was checked by hand against the 《支付結算辦法》 annex examples (marked ★)
// and the conventions documented in ChineseNumerals.ts.
const vectors: ReadonlyArray<readonly [string, string]> = [
  ["0", "零元整"],
  ["-0", "零元整"],
  ["0.01", "壹分"],
  ["0.05", "伍分"],
  ["0.10", "壹角"],
  ["0.50", "伍角"],
  ["0.15", "壹角伍分"],
  ["1", "壹元整"],
  ["10", "壹拾元整"],
  ["10.50", "壹拾元伍角"],
  ["11", "壹拾壹元整"],
  ["20", "貳拾元整"],
  ["100", "壹佰元整"],
  ["101", "壹佰零壹元整"],
  ["110", "壹佰壹拾元整"],
  ["1001", "壹仟零壹元整"],
  ["1100", "壹仟壹佰元整"],
  ["1000.05", "壹仟元零伍分"],
  ["1409.50", "壹仟肆佰零玖元伍角"], // ★
  ["6007.14", "陸仟零柒元壹角肆分"], // ★
  ["1680.32", "壹仟陸佰捌拾元叁角貳分"], // ★ (the form without 零)
  ["16409.02", "壹萬陸仟肆佰零玖元零貳分"], // ★
  ["325.04", "叁佰貳拾伍元零肆分"], // ★
  ["12345.67", "壹萬貳仟叁佰肆拾伍元陸角柒分"],
  ["10000", "壹萬元整"],
  ["10010", "壹萬零壹拾元整"],
  ["30000.07", "叁萬元零柒分"],
  ["100000", "壹拾萬元整"],
  ["107000.53", "壹拾萬柒仟元伍角叁分"], // ★ (the form without 零 after 萬)
  ["100700", "壹拾萬零柒佰元整"],
  ["1010101", "壹佰零壹萬零壹佰零壹元整"],
  ["10000001", "壹仟萬零壹元整"],
  ["100000000", "壹億元整"],
  ["100000001", "壹億零壹元整"],
  ["100010000", "壹億零壹萬元整"],
  ["100010001", "壹億零壹萬零壹元整"],
  ["200000000.10", "貳億元壹角"],
  ["1000000000", "壹拾億元整"],
  ["1234567890.12", "壹拾貳億叁仟肆佰伍拾陸萬柒仟捌佰玖拾元壹角貳分"],
  ["1000000000000", "壹萬億元整"],
  ["1000100000000", "壹萬零壹億元整"],
  ["1000000010000", "壹萬億零壹萬元整"],
  [
    "9999999999999999.99",
    "玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖億玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖元玖角玖分"
  ],
  ["-100", "負壹佰元整"],
  ["-0.50", "負伍角"],
  ["-1000.05", "負壹仟元零伍分"]
]

describe("toChineseCapitalMoney", () => {
  for (const [input, expected] of vectors) {
    it(`${input} → ${expected}`, () => {
      assert.strictEqual(toChineseCapitalMoney(new Dec(input)), expected)
    })
  }

  it("accepts an Amount", () => {
    assert.strictEqual(toChineseCapitalMoney(Amount.of("12.30", CNY)), "壹拾貳元叁角")
  })

  it("uses traditional characters only", () => {
    const all = vectors.map(([, text]) => text).join("")
    for (const simplified of ["万", "亿", "贰", "陆", "负", "圆"]) {
      assert.notInclude(all, simplified)
    }
  })

  it("refuses amounts finer than 分 or beyond 9999萬億", () => {
    const tooFine = toChineseCapitalMoneyEither(new Dec("0.001"))
    assert.isTrue(Either.isLeft(tooFine) && tooFine.left.reason === "tooManyDecimals")
    const tooLarge = toChineseCapitalMoneyEither(new Dec("10000000000000000"))
    assert.isTrue(Either.isLeft(tooLarge) && tooLarge.left.reason === "tooLarge")
    assert.throws(() => toChineseCapitalMoney(new Dec("1.234")), ChineseCapitalMoneyUnsupported)
  })
})
