using System;

namespace Schemata;

/// <summary>
/// Makes deletes of this entity soft: rows get a <c>deleted_at</c> time and every generated read hides them
/// unless asked. Needs a nullable <see cref="DateTimeOffset"/> property named <c>DeletedAt</c> or marked
/// <see cref="DeletedAtAttribute"/> (or derive from <see cref="SoftDeletableEntity"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SoftDeleteAttribute : Attribute
{
}
