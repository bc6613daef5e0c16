using System;

namespace Schemata;

/// <summary>A row the caller needs does not exist (or is soft-deleted). The natural HTTP answer is 404.</summary>
public sealed class SchemaNotFoundException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaNotFoundException()
        : this("The requested row does not exist.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What was not found.</param>
    public SchemaNotFoundException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SchemaNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Entity = string.Empty;
    }

    private SchemaNotFoundException(string entity, object? key)
        : base(key is null ? $"No {entity} was found." : $"No {entity} with key {key} was found.")
    {
        Entity = entity;
        Key = key;
    }

    /// <summary>The entity that was looked for, e.g. <c>TaskItem</c>.</summary>
    public string Entity { get; }

    /// <summary>The key that was looked for, if known.</summary>
    public object? Key { get; }

    /// <summary>The error for entity <paramref name="entity"/> with key <paramref name="key"/>.</summary>
    /// <param name="entity">The entity name.</param>
    /// <param name="key">The key looked for.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaNotFoundException For(string entity, object? key) => new(entity, key);
}
