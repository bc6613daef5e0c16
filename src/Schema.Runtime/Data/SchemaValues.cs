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

    /// <summary>Refuses a missing value of a required (non-nullable) property.</summary>
    /// <param name="value">The property's value.</param>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <exception cref="SchemaValidationException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static void Require(object? value, string entity, string property, string column)
    {
        if (value is null)
        {
            throw SchemaValidationException.Required(entity, property, column);
        }
    }

    /// <summary>Refuses text longer than <c>varchar(maximum)</c> holds or shorter than a declared minimum; <see langword="null"/> passes.</summary>
    /// <param name="text">The property's value.</param>
    /// <param name="minimum">The fewest characters (0 when none is declared).</param>
    /// <param name="maximum">The most characters (<see cref="int.MaxValue"/> when none is declared).</param>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <exception cref="SchemaValidationException">The text is too long or too short, counted as PostgreSQL counts.</exception>
    public static void CheckLength(string? text, int minimum, int maximum, string entity, string property, string column)
    {
        if (text is null)
        {
            return;
        }

        var length = TextLength(text);
        if (length > maximum)
        {
            throw SchemaValidationException.TooLong(entity, property, column, length, maximum);
        }

        if (length < minimum)
        {
            throw SchemaValidationException.TooShort(entity, property, column, length, minimum);
        }
    }

    /// <summary>
    /// Refuses a number that <c>numeric(precision, scale)</c> cannot hold as it is: too many digits before the point, or
    /// more digits after it than the scale keeps (PostgreSQL would round those away, and the entity would no longer say
    /// what is stored). Trailing zeros are no digits: <c>1.500m</c> fits a scale of 2. <see langword="null"/> passes.
    /// </summary>
    /// <param name="value">The property's value.</param>
    /// <param name="precision">Total digits.</param>
    /// <param name="scale">Digits after the point.</param>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <exception cref="SchemaValidationException">The value does not fit, or would be rounded.</exception>
    public static void CheckNumeric(decimal? value, int precision, int scale, string entity, string property, string column)
    {
        if (value is not { } number)
        {
            return;
        }

        if (scale is >= 0 and < 28 && decimal.Round(number, scale) != number)
        {
            throw SchemaValidationException.TooManyDecimals(entity, property, column, number, Decimals(number), precision, scale);
        }

        if (!FitsNumeric(number, precision, scale))
        {
            throw SchemaValidationException.OutOfRange(entity, property, column, number, precision, scale);
        }
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

    /// <summary>The digits after the point, trailing zeros not counted.</summary>
    private static int Decimals(decimal value)
    {
        var digits = 0;
        while (digits < 28 && decimal.Round(value, digits) != value)
        {
            digits++;
        }

        return digits;
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
