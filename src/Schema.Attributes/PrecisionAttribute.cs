using System;

namespace Schemata;

/// <summary>Sets <c>numeric(precision, scale)</c> for a decimal, or the fractional-second precision of a timestamp.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class PrecisionAttribute : Attribute
{
    /// <summary>Sets the total number of digits and, for decimals, the digits after the point.</summary>
    public PrecisionAttribute(int precision, int scale = 0)
    {
        Precision = precision;
        Scale = scale;
    }

    /// <summary>Total significant digits (decimals) or fractional-second digits (timestamps).</summary>
    public int Precision { get; }

    /// <summary>Digits after the decimal point.</summary>
    public int Scale { get; }
}
