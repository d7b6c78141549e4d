package dev.once;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * The shortest decimal that reads back as a given double (or float), as ECMAScript's
 * Number::toString chooses it: the fewest significant digits, and among those the decimal closest
 * to the exact binary value (the even one on a tie).
 *
 * <p>Java 17's {@code Double.toString} is not always shortest ({@code 1e23} prints as {@code
 * 9.999999999999999E22}); Jackson's Schubfach writer is, except that, like Java 19's, it writes at
 * least two digits: where one digit would do ({@code 5e-324} prints as {@code 4.9E-324}), the one
 * digit decimal is found here.
 */
final class Shortest {

  private static final MathContext ONE_DIGIT_DOWN = new MathContext(1, RoundingMode.DOWN);
  private static final MathContext ONE_DIGIT_UP = new MathContext(1, RoundingMode.UP);

  private Shortest() {}

  /** For a finite, non-zero double. */
  static BigDecimal ofDouble(double value) {
    BigDecimal twoOrMore = new BigDecimal(NumberOutput.toString(value, true));
    return preferOneDigit(twoOrMore, d -> Double.parseDouble(d) == value, value);
  }

  /** For a finite, non-zero float: the shortest decimal that reads back as that float. */
  static BigDecimal ofFloat(float value) {
    BigDecimal twoOrMore = new BigDecimal(NumberOutput.toString(value, true));
    return preferOneDigit(twoOrMore, d -> Float.parseFloat(d) == value, value);
  }

  private static BigDecimal preferOneDigit(
      BigDecimal shortest, Predicate<String> readsBack, double exactValue) {
    BigDecimal stripped = shortest.stripTrailingZeros();
    if (stripped.precision() != 2) {
      return stripped;
    }
    BigDecimal down = stripped.round(ONE_DIGIT_DOWN);
    BigDecimal up = stripped.round(ONE_DIGIT_UP);
    boolean downReads = readsBack.test(down.toString());
    boolean upReads = readsBack.test(up.toString());
    if (downReads && upReads) {
      BigDecimal exact = new BigDecimal(exactValue);
      int closer = down.subtract(exact).abs().compareTo(up.subtract(exact).abs());
      if (closer != 0) {
        return closer < 0 ? down : up;
      }
      return down.unscaledValue().testBit(0) ? up : down;
    }
    return downReads ? down : upReads ? up : stripped;
  }
}
