using System;

namespace Schemata;

/// <summary>The row's creation time: <c>timestamptz NOT NULL DEFAULT now()</c>, set by the database clock.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class CreatedAtAttribute : Attribute
{
}

/// <summary>
/// The row's last change: <c>timestamptz NOT NULL DEFAULT now()</c>, moved by every generated update.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class UpdatedAtAttribute : Attribute
{
}

/// <summary>The soft-delete marker: NULL while the row is live, the time it was soft-deleted otherwise.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class DeletedAtAttribute : Attribute
{
}
