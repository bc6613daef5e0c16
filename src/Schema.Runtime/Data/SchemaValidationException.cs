using System;
using System.Globalization;

namespace Schemata;

/// <summary>
/// A value breaks a declared rule (required, length, precision) and was refused before anything was sent to the
/// database.
/// </summary>
public sealed class SchemaValidationException : Exception
{
    private SchemaValidationException(string entity, string property, string message)
        : base(message)
    {
        Entity = entity;
        Property = property;
    }

    /// <summary>The entity type.</summary>
    public string Entity { get; }

    /// <summary>The offending property.</summary>
    public string Property { get; }

    /// <summary>A required value is missing.</summary>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaValidationException Required(string entity, string property, string column)
        => new(entity, property, $"{entity}.{property} is required (column {column} is NOT NULL) but is null.");

    /// <summary>A text is longer than its declared maximum.</summary>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <param name="length">The length found, in characters.</param>
    /// <param name="maximum">The limit.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaValidationException TooLong(string entity, string property, string column, int length, int maximum)
        => new(entity, property, string.Create(CultureInfo.InvariantCulture, $"{entity}.{property} is {length} characters long; at most {maximum} are allowed (column {column})."));

    /// <summary>A text is shorter than its declared minimum.</summary>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <param name="length">The length found, in characters.</param>
    /// <param name="minimum">The limit.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaValidationException TooShort(string entity, string property, string column, int length, int minimum)
        => new(entity, property, string.Create(CultureInfo.InvariantCulture, $"{entity}.{property} is {length} characters long; at least {minimum} are required (column {column})."));

    /// <summary>A decimal has more digits after the point than its declared scale keeps: PostgreSQL would round it.</summary>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="decimals">The digits after the point the value has.</param>
    /// <param name="precision">Declared total digits.</param>
    /// <param name="scale">Declared digits after the point.</param>
    /// <returns>The exception to throw.</returns>
    internal static SchemaValidationException TooManyDecimals(string entity, string property, string column, decimal value, int decimals, int precision, int scale)
        => new(entity, property, string.Create(
            CultureInfo.InvariantCulture,
            $"{entity}.{property} is {value}, which has {decimals} digits after the point; numeric({precision},{scale}) keeps {scale} (column {column}), so PostgreSQL would store it rounded. Round it first, e.g. Math.Round(value, {scale})."));

    /// <summary>A decimal has more digits before the point than its declared precision allows.</summary>
    /// <param name="entity">The entity type.</param>
    /// <param name="property">The property.</param>
    /// <param name="column">The column, <c>table.column</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="precision">Declared total digits.</param>
    /// <param name="scale">Declared digits after the point.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaValidationException OutOfRange(string entity, string property, string column, decimal value, int precision, int scale)
        => new(entity, property, string.Create(CultureInfo.InvariantCulture, $"{entity}.{property} is {value}, which does not fit numeric({precision},{scale}) (column {column}): at most {precision - scale} digits before the point."));
}
