using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
using System.ComponentModel;

namespace Schemata;
#endif

/// <summary>
/// The tables of a model as one string, the way the generated <c>Schema.Model</c> holds them: one compact line per
/// table, read by one method whatever the model's size. Code that built each table would compile a method per table
/// at the first apply, which costs a large model more than the comparison itself.
/// </summary>
/// <remarks>
/// <para>
/// The format, version <see cref="Version"/>: the version and a line feed, then one line per table. A line is a
/// sequence of fields, each followed by one space: <c>~</c> for null, a string as its length, a colon and its
/// characters (<c>5:users</c>), a number in decimal. A list is its count followed by its items. A table is its
/// schema, name and previous name, then its columns, constraints and indexes as lists:
/// </para>
/// <list type="bullet">
/// <item>column: name, type name, type schema, type modifiers, is array, is nullable, default, identity, previous name;</item>
/// <item>constraint: name, kind, columns, expression, then <c>0</c> or <c>1</c> followed by the referenced schema,
/// table, columns, on delete and on update, then <c>~</c> or the list of allowed values;</item>
/// <item>index: name, columns, is unique, method, filter.</item>
/// </list>
/// <para>Booleans are <c>0</c> and <c>1</c>; enums are their numbers. The generator writes it; the runtime reads it.</para>
/// </remarks>
#if SCHEMA_GENERATOR
internal
#else
[EditorBrowsable(EditorBrowsableState.Never)]
public
#endif
static class ModelData
{
    /// <summary>The format's version, the first line of the data: a runtime reads only its own.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="tables"/> in the format above, one string per line (the version first), so generated code can hold one literal a line.</summary>
    /// <param name="tables">The model's tables.</param>
    /// <returns>The lines, each ending with a line feed.</returns>
    public static List<string> Write(IReadOnlyList<TableModel> tables)
    {
        var lines = new List<string>(tables.Count + 1) { Version.ToString(CultureInfo.InvariantCulture) + "\n" };
        var line = new StringBuilder(512);
        foreach (var table in tables)
        {
            line.Clear();
            Text(line, table.Schema);
            Text(line, table.Name);
            Text(line, table.RenamedFrom);
            Number(line, table.Columns.Count);
            foreach (var column in table.Columns)
            {
                Text(line, column.Name);
                Text(line, column.Type.Name);
                Text(line, column.Type.Schema);
                Text(line, column.Type.Modifiers);
                Number(line, column.Type.IsArray ? 1 : 0);
                Number(line, column.IsNullable ? 1 : 0);
                Text(line, column.Default);
                Number(line, (int)column.Identity);
                Text(line, column.RenamedFrom);
            }

            Number(line, table.Constraints.Count);
            foreach (var constraint in table.Constraints)
            {
                Text(line, constraint.Name);
                Number(line, (int)constraint.Kind);
                Texts(line, constraint.Columns);
                Text(line, constraint.Expression);
                if (constraint.References is { } references)
                {
                    Number(line, 1);
                    Text(line, references.Schema);
                    Text(line, references.Table);
                    Texts(line, references.Columns);
                    Number(line, (int)references.OnDelete);
                    Number(line, (int)references.OnUpdate);
                }
                else
                {
                    Number(line, 0);
                }

                if (constraint.AllowedValues is { } values)
                {
                    Texts(line, values);
                }
                else
                {
                    line.Append("~ ");
                }
            }

            Number(line, table.Indexes.Count);
            foreach (var index in table.Indexes)
            {
                Text(line, index.Name);
                Texts(line, index.Columns);
                Number(line, index.IsUnique ? 1 : 0);
                Text(line, index.Method);
                Text(line, index.Filter);
            }

            lines.Add(line.Append('\n').ToString());
        }

        return lines;
    }

    private static void Text(StringBuilder line, string? value)
    {
        if (value is null)
        {
            line.Append("~ ");
            return;
        }

        line.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(' ');
    }

    private static void Texts(StringBuilder line, IReadOnlyList<string> values)
    {
        Number(line, values.Count);
        foreach (var value in values)
        {
            Text(line, value);
        }
    }

    private static void Number(StringBuilder line, int value) => line.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ');

#if !SCHEMA_GENERATOR
    /// <summary>Reads the tables the generator wrote with <see cref="Write"/>.</summary>
    /// <param name="data">The lines <see cref="Write"/> returned, joined.</param>
    /// <returns>The tables, in the order they were written.</returns>
    /// <exception cref="InvalidOperationException">The data is not in this runtime's format: the generator and the runtime come from different versions.</exception>
    public static IReadOnlyList<TableModel> Read(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new Reader(data);
        var version = reader.Line();
        if (version != Version)
        {
            throw new InvalidOperationException(
                $"The model was generated in format {version.ToString(CultureInfo.InvariantCulture)}, and this Schema.Runtime reads format {Version.ToString(CultureInfo.InvariantCulture)}: use the same version of the Schema packages for the generator and the runtime, and rebuild.");
        }

        var tables = new List<TableModel>();
        while (!reader.AtEnd)
        {
            tables.Add(reader.Table());
        }

        return tables;
    }

    /// <summary>Walks the data field by field. Equal strings become one instance, so 1,000 tables' <c>id</c> columns share one name.</summary>
    private sealed class Reader(string data)
    {
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _strings = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly Dictionary<(string Name, string? Schema, string? Modifiers, bool IsArray), StoreType> _types = [];
        private int _position;

        public bool AtEnd => _position >= data.Length;

        /// <summary>A line holding one number: the version.</summary>
        public int Line()
        {
            var end = data.IndexOf('\n', _position);
            if (end < 0 || !int.TryParse(data.AsSpan(_position, end - _position), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw Malformed();
            }

            _position = end + 1;
            return value;
        }

        public TableModel Table()
        {
            var schema = Text();
            var name = Text() ?? throw Malformed();
            var renamedFrom = Text();
            var columns = new ColumnModel[Number()];
            for (var i = 0; i < columns.Length; i++)
            {
                var columnName = Text() ?? throw Malformed();
                var type = Type(Text() ?? throw Malformed(), Text(), Text(), Number() == 1);
                columns[i] = new ColumnModel(columnName, type, Number() == 1, Text(), (ColumnIdentity)Number(), Text());
            }

            var constraints = new ConstraintModel[Number()];
            for (var i = 0; i < constraints.Length; i++)
            {
                var constraintName = Text() ?? throw Malformed();
                var kind = (ConstraintKind)Number();
                var constrained = Texts();
                var expression = Text();
                ForeignKeyReference? references = null;
                if (Number() == 1)
                {
                    references = new ForeignKeyReference(Text(), Text() ?? throw Malformed(), Texts(), (ReferentialAction)Number(), (ReferentialAction)Number());
                }

                constraints[i] = new ConstraintModel(constraintName, kind, constrained, expression, references, NullableTexts());
            }

            var indexes = new IndexModel[Number()];
            for (var i = 0; i < indexes.Length; i++)
            {
                indexes[i] = new IndexModel(Text() ?? throw Malformed(), Texts(), Number() == 1, Text() ?? throw Malformed(), Text());
            }

            if (_position >= data.Length || data[_position] != '\n')
            {
                throw Malformed();
            }

            _position++;
            return new TableModel(schema, name, columns, constraints, indexes, renamedFrom);
        }

        private StoreType Type(string name, string? schema, string? modifiers, bool isArray)
        {
            var key = (name, schema, modifiers, isArray);
            if (!_types.TryGetValue(key, out var type))
            {
                type = new StoreType(name, schema, modifiers, isArray);
                _types.Add(key, type);
            }

            return type;
        }

        private string? Text()
        {
            if (Peek() == '~')
            {
                _position += 2;
                return null;
            }

            var length = Digits(':');
            if (length > data.Length - _position - 1 || data[_position + length] != ' ')
            {
                throw Malformed();
            }

            var span = data.AsSpan(_position, length);
            _position += length + 1;
            if (!_strings.TryGetValue(span, out var value))
            {
                value = span.ToString();
                _strings[value] = value;
            }

            return value;
        }

        private string[] Texts()
        {
            var values = new string[Number()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Text() ?? throw Malformed();
            }

            return values;
        }

        private string[]? NullableTexts()
        {
            if (Peek() == '~')
            {
                _position += 2;
                return null;
            }

            return Texts();
        }

        private int Number() => Digits(' ');

        /// <summary>A decimal number ended by <paramref name="end"/>, which is consumed too.</summary>
        private int Digits(char end)
        {
            var value = 0;
            var start = _position;
            while (_position < data.Length && data[_position] is >= '0' and <= '9' && _position - start < 9)
            {
                value = (value * 10) + (data[_position] - '0');
                _position++;
            }

            if (_position == start || _position >= data.Length || data[_position] != end)
            {
                throw Malformed();
            }

            _position++;
            return value;
        }

        private char Peek() => _position < data.Length ? data[_position] : throw Malformed();

        private InvalidOperationException Malformed()
            => new($"The generated model data is malformed at character {_position.ToString(CultureInfo.InvariantCulture)}: rebuild the project with the same version of the Schema packages for the generator and the runtime.");
    }
#endif
}
