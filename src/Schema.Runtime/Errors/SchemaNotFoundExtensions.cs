using System;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// Turns "no such row" answers of generated reads and writes into <see cref="SchemaNotFoundException"/>:
/// <c>var task = await session.TaskItems().GetAsync(id).OrNotFound("task", id);</c>
/// </summary>
public static class SchemaNotFoundExtensions
{
    /// <summary>Awaits a read and throws when it found nothing.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="read">A generated read such as <c>GetAsync(id)</c>.</param>
    /// <param name="entity">What was looked for, as the message should say it (e.g. <c>task</c>).</param>
    /// <param name="key">The key looked for, or <see langword="null"/>.</param>
    /// <returns>The entity.</returns>
    /// <exception cref="SchemaNotFoundException">The read returned <see langword="null"/>.</exception>
    public static async ValueTask<T> OrNotFound<T>(this ValueTask<T?> read, string entity, object? key = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        return await read.ConfigureAwait(false) ?? throw SchemaNotFoundException.For(entity, key);
    }

    /// <summary>Awaits a write that reports whether it found its row (update, soft delete, restore) and throws when it did not.</summary>
    /// <param name="write">A generated write such as <c>SoftDeleteAsync(id)</c>.</param>
    /// <param name="entity">What was looked for, as the message should say it.</param>
    /// <param name="key">The key looked for, or <see langword="null"/>.</param>
    /// <returns>A task that completes when the write found its row.</returns>
    /// <exception cref="SchemaNotFoundException">The write returned <see langword="false"/>.</exception>
    public static async ValueTask OrNotFound(this ValueTask<bool> write, string entity, object? key = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!await write.ConfigureAwait(false))
        {
            throw SchemaNotFoundException.For(entity, key);
        }
    }
}
