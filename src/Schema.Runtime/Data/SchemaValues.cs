using System;

namespace Schemata;

/// <summary>Helpers the generated validation uses; they count the way PostgreSQL does.</summary>
public static class SchemaValues
{
    /// <summary>The length of <paramref name="text"/> in characters as PostgreSQL counts them (code points).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of Unicode code points.</returns>
    public static int TextLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }

        return length;
    }

    /// <summary>Whether <paramref name="value"/> fits <c>numeric(precision, scale)</c> once rounded to the scale.</summary>
    /// <param name="value">The value.</param>
    /// <param name="precision">Total digits.</param>
    /// <param name="scale">Digits after the point.</param>
    /// <returns><see langword="true"/> when PostgreSQL will accept it.</returns>
    public static bool FitsNumeric(decimal value, int precision, int scale)
    {
        var rounded = Math.Abs(Math.Round(value, Math.Min(scale, 28), MidpointRounding.AwayFromZero));
        var integerDigits = precision - scale;
        return integerDigits >= 29 || rounded < Pow10(integerDigits);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
