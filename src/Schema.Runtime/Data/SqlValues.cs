using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Schemata;

/// <summary>
/// How raw SQL turns values of the types the generator maps itself (<c>[DbEnum]</c> enums, <c>[Jsonb]</c> classes)
/// into parameters: each generated mapper registers its types here when its assembly is loaded, so that
/// <c>$"… WHERE status = {PostStatus.Published}"</c> sends the label the column stores. No reflection: the
/// registration is generated code, looked up through a static field per type. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SqlValues
{
    /// <summary>Makes <typeparamref name="T"/> values raw-SQL parameters through <paramref name="create"/>.</summary>
    /// <typeparam name="T">The type, exactly as it appears in an interpolation (<c>E</c>, <c>E?</c> and <c>E[]</c> are three).</typeparam>
    /// <param name="create">Makes the parameter for a value; may throw for a value it refuses.</param>
    public static void Register<T>(Func<T, NpgsqlParameter> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        SqlValue<T>.Create = create;
    }

    /// <summary>
    /// An enum label, sent without a type so that PostgreSQL takes it as whatever the SQL compares it with: the
    /// native enum type, or text for an enum stored as text.
    /// </summary>
    /// <param name="label">The label, or <see langword="null"/> for SQL NULL.</param>
    /// <returns>The parameter.</returns>
    public static NpgsqlParameter EnumLabel(string? label) => new NpgsqlParameter<string?> { TypedValue = label, NpgsqlDbType = NpgsqlDbType.Unknown };

    /// <summary>Enum labels as an untyped array literal (<c>{"a","b"}</c>), which PostgreSQL reads as the enum's array type.</summary>
    /// <param name="labels">The labels, or <see langword="null"/> for SQL NULL.</param>
    /// <returns>The parameter.</returns>
    public static NpgsqlParameter EnumLabels(string[]? labels) => EnumLabel(labels is null ? null : ArrayLiteral(labels));

    /// <summary>A <c>[Jsonb]</c> value serialized through <see cref="SchemaJson"/> and sent as <c>jsonb</c>.</summary>
    /// <typeparam name="T">The declared type.</typeparam>
    /// <param name="value">The value, or <see langword="null"/> for SQL NULL.</param>
    /// <returns>The parameter.</returns>
    public static NpgsqlParameter Json<T>(T value)
        => new NpgsqlParameter<string?> { TypedValue = value is null ? null : SchemaJson.Serialize(value), NpgsqlDbType = NpgsqlDbType.Jsonb };

    /// <summary>
    /// Text values as an array literal cast with <c>::text[]</c> in the SQL: the apply path writes its history without
    /// the driver's array writer, which a cold process would otherwise compile while the short transaction holds its
    /// locks.
    /// </summary>
    internal static NpgsqlParameter TextArray(IReadOnlyList<string> values) => EnumLabel(ArrayLiteral(values));

    /// <summary><c>{"a","b \"c\""}</c>: every element quoted, so that no label can end an element or the array early.</summary>
    private static string ArrayLiteral(IReadOnlyList<string> labels)
    {
        var literal = new StringBuilder("{");
        for (var i = 0; i < labels.Count; i++)
        {
            literal.Append(i == 0 ? "\"" : ",\"");
            foreach (var c in labels[i])
            {
                if (c is '"' or '\\')
                {
                    literal.Append('\\');
                }

                literal.Append(c);
            }

            literal.Append('"');
        }

        return literal.Append('}').ToString();
    }
}
