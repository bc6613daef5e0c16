using System;

namespace Schemata;

/// <summary>
/// Bounds the length (in characters) of a string column: <c>varchar(max)</c> plus a check for the minimum.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class LengthAttribute : Attribute
{
    /// <summary>Requires between <paramref name="minimum"/> and <paramref name="maximum"/> characters.</summary>
    public LengthAttribute(int minimum, int maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The fewest characters allowed.</summary>
    public int Minimum { get; }

    /// <summary>The most characters allowed.</summary>
    public int Maximum { get; }
}
