using System;
using System.Text;

namespace Schemata.Generator.Emit;

/// <summary>
/// A small indented writer for generated C#. Its buffer is reused by the next writer on the same thread once
/// <see cref="Complete"/> has returned the text: a generator run writes one file per entity, and growing a fresh
/// buffer for each would allocate the whole output twice.
/// </summary>
internal sealed class SourceWriter
{
    // One buffer per thread stays alive in a long-running compiler server, so only an entity-sized one is kept;
    // larger ones (the Schema.g.cs of a large model) are left to the garbage collector.
    private const int MaxReusedCapacity = 128 * 1024;

    [ThreadStatic]
    private static StringBuilder? s_reusable;

    private StringBuilder _builder;
    private int _indent;

    /// <param name="capacity">The expected length of the text, so that a large file is written into one buffer.</param>
    public SourceWriter(int capacity = 32 * 1024)
    {
        var reusable = s_reusable;
        if (reusable is not null && reusable.Capacity >= capacity)
        {
            s_reusable = null;
            _builder = reusable;
        }
        else
        {
            _builder = new StringBuilder(capacity);
        }
    }

    public SourceWriter Line()
    {
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    // A line given in parts is appended part by part: concatenating it first would copy every generated character
    // once more, and the generator's run time is mostly the garbage collector's.
    public SourceWriter Line(string a, string b)
    {
        _builder.Append(' ', _indent * 4).Append(a).Append(b).Append('\n');
        return this;
    }

    public SourceWriter Line(string a, string b, string c)
    {
        _builder.Append(' ', _indent * 4).Append(a).Append(b).Append(c).Append('\n');
        return this;
    }

    public SourceWriter Line(params string[] parts)
    {
        _builder.Append(' ', _indent * 4);
        foreach (var part in parts)
        {
            _builder.Append(part);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Open(params string[] parts)
    {
        Line(parts);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        // A block never ends with a blank line.
        while (_builder.Length >= 2 && _builder[_builder.Length - 1] == '\n' && _builder[_builder.Length - 2] == '\n')
        {
            _builder.Length--;
        }

        _indent--;
        return Line("}" + suffix);
    }

    public int Indent
    {
        get => _indent;
        set => _indent = Math.Max(0, value);
    }

    /// <summary>The text written; the writer cannot be used afterwards.</summary>
    public string Complete()
    {
        var text = _builder.ToString();
        if (_builder.Capacity <= MaxReusedCapacity)
        {
            _builder.Clear();
            s_reusable = _builder;
        }

        _builder = null!;
        return text;
    }
}
