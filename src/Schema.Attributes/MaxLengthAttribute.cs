using System;

namespace Schemata;

/// <summary>Limits a string column to <c>varchar(n)</c>.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class MaxLengthAttribute : Attribute
{
    /// <summary>Allows at most <paramref name="length"/> characters.</summary>
    public MaxLengthAttribute(int length) => Length = length;

    /// <summary>The most characters allowed.</summary>
    public int Length { get; }
}
