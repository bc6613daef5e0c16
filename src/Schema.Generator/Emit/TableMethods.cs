using System.Collections.Generic;
using System.Linq;
using Schemata.Generator.Building;
using Schemata.Generator.Model;
using Schemata.Generator.Parsing;
using static Schemata.Generator.Building.AccessBuilder;
using static Schemata.Generator.Emit.EntityEmitter;

namespace Schemata.Generator.Emit;

/// <summary>The methods of a <c>{Entity}Table</c>: validation, inserts, reads, finders, updates, upserts and deletes.</summary>
internal static class TableMethods
{
    private const string DeletedParameter = Deleted + " deleted = " + Deleted + ".Exclude";

    public static void Write(SourceWriter w, Context c)
    {
        WriteValidate(w, c);
        WriteInsert(w, c, "InsertAsync", "Insert", "Inserts <paramref name=\"entity\"/> and fills in what the database generated (key, timestamps).");
        WriteInsertMany(w, c);
        WriteGet(w, c);
        WriteExists(w, c);
        WriteCount(w, c);
        WriteList(w, c);
        WriteStream(w, c);
        foreach (var finder in c.Entity.Finders)
        {
            WriteFinder(w, c, finder);
        }

        if (c.Updated.Count > 0 || c.UpdatedAt is not null)
        {
            WriteUpdate(w, c);
        }

        WriteInsert(w, c, "UpsertAsync", "Upsert", "Inserts <paramref name=\"entity\"/>, or updates the row with the same key; fills in what the database generated.");
        foreach (var finder in c.Entity.Finders.Where(f => f.IsUnique))
        {
            WriteInsert(w, c, "UpsertBy" + finder.Name + "Async", "UpsertBy" + finder.Name, "Inserts <paramref name=\"entity\"/>, or updates the row with the same " + finder.Name + "; fills in what the database generated.");
        }

        if (c.DeletedAt is null)
        {
            WriteDelete(w, c, "DeleteAsync", "DeleteSql", "Deletes the row with the given key.", scalar: false);
        }
        else
        {
            WriteDelete(w, c, "SoftDeleteAsync", "SoftDeleteSql", "Soft-deletes the row with the given key (and, in the same statement, the dependents whose foreign key cascades soft deletes), using the database clock.", scalar: true);
            WriteDelete(w, c, "RestoreAsync", "RestoreSql", "Restores a soft-deleted row, and the dependents its soft delete cascaded to.", scalar: true);
            WriteDelete(w, c, "HardDeleteAsync", "DeleteSql", "Deletes the row with the given key for good, whether soft-deleted or not.", scalar: false);
        }
    }

    private static void WriteValidate(SourceWriter w, Context c)
    {
        var e = c.Entity;
        w.Line("/// <summary>Checks required values, lengths and precision; generated writes call it before anything is sent.</summary>");
        w.Line("/// <param name=\"entity\">The entity to check.</param>");
        w.Line("/// <exception cref=\"global::Schemata.SchemaValidationException\">A value breaks a declared rule.</exception>");
        w.Open("public static void Validate(" + e.FullTypeName + " entity)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(entity);");
        foreach (var column in e.Columns.Where(x => x.Role == ColumnRole.Plain))
        {
            var where = Literal(e.Table + "." + column.Column);
            var names = Literal(e.TypeName) + ", " + Literal(column.Property) + ", " + where;
            if (!column.IsNullable && !column.IsValueType)
            {
                w.Open("if (entity." + column.Property + " is null)");
                w.Line("throw global::Schemata.SchemaValidationException.Required(" + names + ");");
                w.Close();
                w.Line();
            }

            if (!column.IsNullable && column.ClrType == "global::System.Text.Json.JsonElement")
            {
                // default(JsonElement) holds no JSON at all: it is the missing value of a non-nullable element.
                w.Open("if (entity." + column.Property + ".ValueKind == global::System.Text.Json.JsonValueKind.Undefined)");
                w.Line("throw global::Schemata.SchemaValidationException.Required(" + names + ");");
                w.Close();
                w.Line();
            }

            if (column.MaxLength is not null || column.MinLength is not null)
            {
                w.Open("if (entity." + column.Property + " is { } " + Camel(column.Property) + "Text)");
                w.Line("var length = global::Schemata.SchemaValues.TextLength(" + Camel(column.Property) + "Text);");
                if (column.MaxLength is { } max)
                {
                    w.Open("if (length > " + Int(max) + ")");
                    w.Line("throw global::Schemata.SchemaValidationException.TooLong(" + names + ", length, " + Int(max) + ");");
                    w.Close();
                    w.Line();
                }

                if (column.MinLength is { } min)
                {
                    w.Open("if (length < " + Int(min) + ")");
                    w.Line("throw global::Schemata.SchemaValidationException.TooShort(" + names + ", length, " + Int(min) + ");");
                    w.Close();
                }

                w.Close();
                w.Line();
            }

            if (column.Kind == StoreKind.Decimal && !column.IsArray && column.Precision is { } precision)
            {
                var value = column.IsNullable ? "entity." + column.Property + " is { } " + Camel(column.Property) + "Value && " : string.Empty;
                var operand = column.IsNullable ? Camel(column.Property) + "Value" : "entity." + column.Property;
                var scale = Int(column.Scale ?? 0);
                w.Open("if (" + value + "!global::Schemata.SchemaValues.FitsNumeric(" + operand + ", " + Int(precision) + ", " + scale + "))");
                w.Line("throw global::Schemata.SchemaValidationException.OutOfRange(" + names + ", " + operand + ", " + Int(precision) + ", " + scale + ");");
                w.Close();
                w.Line();
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>Insert and the upserts share one shape: validate, send the written columns, read back what the server set.</summary>
    private static void WriteInsert(SourceWriter w, Context c, string method, string statement, string summary)
    {
        var e = c.Entity;
        w.Line("/// <summary>" + summary + "</summary>");
        w.Line("/// <param name=\"entity\">The entity; validated first.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the statement.</param>");
        w.Line("/// <returns>The same entity, with the generated values set.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<" + e.FullTypeName + "> " + method + "(" + e.FullTypeName + " entity, " + Token + ")");
        w.Line("Validate(entity);");
        if (c.ServerKey is { } key)
        {
            w.Line("var withKey = entity." + key.Property + " != default;");
            w.Line("await using var command = _session.CreateCommand(withKey ? " + statement + "WithKeySql : " + statement + "Sql);");
            w.Open("if (withKey)");
            w.Line("command.Parameters.Add(" + ValueCode.Parameter(key, "entity." + key.Property) + ");");
            w.Close();
            w.Line();
        }
        else
        {
            w.Line("await using var command = _session.CreateCommand(" + statement + "Sql);");
        }

        foreach (var column in c.Written)
        {
            w.Line("command.Parameters.Add(" + ValueCode.Parameter(column, "entity." + column.Property) + ");");
        }

        ReadReturned(w, c);
        w.Line("return entity;");
        w.Close();
        w.Line();
    }

    private static void ReadReturned(SourceWriter w, Context c)
    {
        var returned = c.Returned;
        if (returned.Count == 0)
        {
            w.Line("await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);");
            return;
        }

        w.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);");
        w.Open("if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))");
        for (var i = 0; i < returned.Count; i++)
        {
            if (!returned[i].IsInitOnly)
            {
                w.Line("entity." + returned[i].Property + " = " + ValueCode.Read(returned[i], Int(i), c.Entity.Table) + ";");
            }
        }

        w.Close();
        w.Line();
    }

    private static void WriteInsertMany(SourceWriter w, Context c)
    {
        var e = c.Entity;
        var copied = TableSql.CopyColumns(c);
        w.Line("/// <summary>");
        w.Line("/// Inserts many rows in one binary COPY: the fastest way in. Every entity is validated as it is written; a failure");
        w.Line("/// cancels the COPY, so nothing is inserted. Empty uuid keys get a new version-7 Guid; timestamps come from the");
        w.Line("/// database clock but are not read back" + (c.ServerKey is { IsIdentity: true } ? ", nor are identity keys" : string.Empty) + ".");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"entities\">The rows to insert, streamed (not buffered).</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the COPY; nothing is inserted.</param>");
        w.Line("/// <returns>The number of rows inserted.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<ulong> InsertManyAsync(global::System.Collections.Generic.IEnumerable<" + e.FullTypeName + "> entities, " + Token + ")");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
        w.Line("await using var importer = await _session.Connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);");
        w.Open("foreach (var entity in entities)");
        w.Line("Validate(entity);");
        if (c.ServerKey is { IsIdentity: false } uuid)
        {
            if (uuid.IsInitOnly)
            {
                w.Line("var key = entity." + uuid.Property + " == default ? global::System.Guid.CreateVersion7() : entity." + uuid.Property + ";");
            }
            else
            {
                w.Open("if (entity." + uuid.Property + " == default)");
                w.Line("entity." + uuid.Property + " = global::System.Guid.CreateVersion7();");
                w.Close();
                w.Line();
            }
        }

        w.Line("await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);");
        foreach (var column in copied)
        {
            var value = column == c.ServerKey && column.IsInitOnly ? "key" : "entity." + column.Property;
            w.Line(ValueCode.Copy(column, value));
        }

        w.Close();
        w.Line();
        w.Line("return await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);");
        w.Close();
        w.Line();
    }

    private static void WriteGet(SourceWriter w, Context c)
    {
        w.Line("/// <summary>The row with the given key" + LiveNote(c) + ", or <see langword=\"null\"/>.</summary>");
        KeyParamDocs(w, c);
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns>The entity, or <see langword=\"null\"/> when there is none.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<" + c.Entity.FullTypeName + "?> GetAsync(" + c.KeyParameters + DeletedSignature(c) + ", " + Token + ")");
        w.Line("await using var command = _session.CreateCommand(" + Pick(c, "GetSql") + ");");
        AddKeyParameters(w, c);
        ReadSingle(w, c);
        w.Close();
        w.Line();
    }

    private static void WriteExists(SourceWriter w, Context c)
    {
        w.Line("/// <summary>Whether a row with the given key exists" + LiveNote(c) + ".</summary>");
        KeyParamDocs(w, c);
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when the row exists.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<bool> ExistsAsync(" + c.KeyParameters + DeletedSignature(c) + ", " + Token + ")");
        w.Line("await using var command = _session.CreateCommand(" + Pick(c, "ExistsSql") + ");");
        AddKeyParameters(w, c);
        ReadScalar(w, "bool");
        w.Close();
        w.Line();
    }

    private static void WriteCount(SourceWriter w, Context c)
    {
        w.Line("/// <summary>The number of rows" + LiveNote(c) + ".</summary>");
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns>The count.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<long> CountAsync(" + (c.DeletedAt is null ? string.Empty : DeletedParameter + ", ") + Token + ")");
        w.Line("await using var command = _session.CreateCommand(" + Pick(c, "CountSql") + ");");
        ReadScalar(w, "long");
        w.Close();
        w.Line();
    }

    private static void WriteList(SourceWriter w, Context c)
    {
        var e = c.Entity;
        var keyOrder = string.Join(", ", c.Keys.Select(k => Naming.NameConventions.Quote(k.Column)));
        w.Line("/// <summary>A page of rows" + LiveNote(c) + ", ordered by a column and then by the key.</summary>");
        w.Line("/// <param name=\"limit\">The most rows to return.</param>");
        w.Line("/// <param name=\"offset\">How many rows to skip.</param>");
        w.Line("/// <param name=\"orderBy\">The column to order by.</param>");
        w.Line("/// <param name=\"descending\">Order from the highest value down.</param>");
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns>The rows.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<global::System.Collections.Generic.List<" + e.FullTypeName + ">> ListAsync(int limit = 100, int offset = 0, "
            + c.ColumnEnum + " orderBy = " + c.ColumnEnum + "." + c.Keys[0].Property + ", bool descending = false" + DeletedSignature(c) + ", " + Token + ")");
        w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(limit);");
        w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(offset);");
        w.Line("var column = orderBy switch");
        w.Line("{");
        w.Indent++;
        foreach (var column in e.Columns)
        {
            w.Line(c.ColumnEnum + "." + column.Property + " => " + CSharp.String(Naming.NameConventions.Quote(column.Column)) + ",");
        }

        w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(orderBy)),");
        w.Indent--;
        w.Line("};");
        w.Line("var sql = string.Concat(" + Pick(c, "SelectSql") + ", \" ORDER BY \", column, descending ? \" DESC, \" : \", \", " + CSharp.String(keyOrder + " LIMIT $1 OFFSET $2") + ");");
        w.Line("await using var command = _session.CreateCommand(sql);");
        w.Line("command.Parameters.Add(new global::Npgsql.NpgsqlParameter<long> { TypedValue = limit });");
        w.Line("command.Parameters.Add(new global::Npgsql.NpgsqlParameter<long> { TypedValue = offset });");
        ReadAll(w, c);
        w.Close();
        w.Line();
    }

    private static void WriteStream(SourceWriter w, Context c)
    {
        w.Line("/// <summary>Every row" + LiveNote(c) + ", yielded as it arrives: the result is never buffered.</summary>");
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Stops the stream.</param>");
        w.Line("/// <returns>The rows, in no particular order.</returns>");
        w.Open("public async global::System.Collections.Generic.IAsyncEnumerable<" + c.Entity.FullTypeName + "> StreamAsync("
            + (c.DeletedAt is null ? string.Empty : DeletedParameter + ", ") + "[global::System.Runtime.CompilerServices.EnumeratorCancellation] " + Token + ")");
        w.Line("await using var command = _session.CreateCommand(" + Pick(c, "SelectSql") + ");");
        w.Line("await using var reader = await command.ExecuteReaderAsync(global::System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);");
        w.Open("while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))");
        w.Line("yield return " + c.Reader + ".ReadRow(reader);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteFinder(SourceWriter w, Context c, FinderAccess finder)
    {
        var e = c.Entity;
        var columns = finder.Columns.Select(i => e.Columns[i]).ToList();
        var parameters = string.Join(", ", columns.Select(x => ValueCode.PropertyType(x) + " " + Identifier(Camel(x.Property))));
        var withDeleted = c.DeletedAt is not null && !finder.LiveOnly;
        var sql = (finder.IsUnique ? "GetBy" : "ListBy") + finder.Name + "Sql";
        var live = finder.LiveOnly ? " among live rows" : LiveNote(c);
        if (finder.IsUnique)
        {
            w.Line("/// <summary>The row with the given " + string.Join(" and ", columns.Select(x => x.Property)) + live + ", or <see langword=\"null\"/> (a unique index).</summary>");
        }
        else
        {
            w.Line("/// <summary>The rows with the given " + string.Join(" and ", columns.Select(x => x.Property)) + live + " (an index), ordered by key.</summary>");
        }

        foreach (var column in columns)
        {
            w.Line("/// <param name=\"" + Camel(column.Property) + "\">The " + column.Property + " to look for.</param>");
        }

        if (withDeleted)
        {
            DeletedDoc(w, c);
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line(finder.IsUnique ? "/// <returns>The entity, or <see langword=\"null\"/>.</returns>" : "/// <returns>The rows.</returns>");
        var returns = finder.IsUnique ? e.FullTypeName + "?" : "global::System.Collections.Generic.List<" + e.FullTypeName + ">";
        var name = (finder.IsUnique ? "GetBy" : "ListBy") + finder.Name + "Async";
        w.Open("public async global::System.Threading.Tasks.ValueTask<" + returns + "> " + name + "(" + parameters + (withDeleted ? ", " + DeletedParameter : string.Empty) + ", " + Token + ")");
        var text = withDeleted ? Pick(c, sql) : sql;
        if (!finder.IsUnique)
        {
            text = "string.Concat(" + text + ", " + CSharp.String(" ORDER BY " + string.Join(", ", c.Keys.Select(k => Naming.NameConventions.Quote(k.Column)))) + ")";
        }

        w.Line("await using var command = _session.CreateCommand(" + text + ");");
        foreach (var column in columns)
        {
            w.Line("command.Parameters.Add(" + ValueCode.Parameter(column, Identifier(Camel(column.Property))) + ");");
        }

        if (finder.IsUnique)
        {
            ReadSingle(w, c);
        }
        else
        {
            ReadAll(w, c);
        }

        w.Close();
        w.Line();
    }

    private static void WriteUpdate(SourceWriter w, Context c)
    {
        var e = c.Entity;
        w.Line("/// <summary>");
        w.Line("/// Writes every column of <paramref name=\"entity\"/> to the row with its key" + (c.DeletedAt is null ? string.Empty : " (a live row)")
            + (c.UpdatedAt is null ? "." : "; moves <c>" + c.UpdatedAt.Column + "</c> to the database clock and reads it back."));
        w.Line("/// </summary>");
        w.Line("/// <param name=\"entity\">The entity; validated first.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the statement.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when a row was updated; <see langword=\"false\"/> when none has that key.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<bool> UpdateAsync(" + e.FullTypeName + " entity, " + Token + ")");
        w.Line("Validate(entity);");
        w.Line("await using var command = _session.CreateCommand(UpdateSql);");
        foreach (var key in c.Keys)
        {
            w.Line("command.Parameters.Add(" + ValueCode.Parameter(key, "entity." + key.Property) + ");");
        }

        foreach (var column in c.Updated)
        {
            w.Line("command.Parameters.Add(" + ValueCode.Parameter(column, "entity." + column.Property) + ");");
        }

        if (c.UpdatedAt is null)
        {
            w.Line("return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;");
        }
        else
        {
            w.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);");
            w.Open("if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))");
            w.Line("return false;");
            w.Close();
            w.Line();
            if (!c.UpdatedAt.IsInitOnly)
            {
                w.Line("entity." + c.UpdatedAt.Property + " = " + ValueCode.Read(c.UpdatedAt, "0", e.Table) + ";");
            }

            w.Line("return true;");
        }

        w.Close();
        w.Line();
    }

    private static void WriteDelete(SourceWriter w, Context c, string method, string sql, string summary, bool scalar)
    {
        w.Line("/// <summary>" + summary + "</summary>");
        KeyParamDocs(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the statement.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when a row was changed; <see langword=\"false\"/> when none matched.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<bool> " + method + "(" + c.KeyParameters + ", " + Token + ")");
        w.Line("await using var command = _session.CreateCommand(" + sql + ");");
        AddKeyParameters(w, c);
        if (scalar)
        {
            w.Line("await using var reader = await command.ExecuteReaderAsync(global::System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);");
            w.Line("return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) > 0;");
        }
        else
        {
            w.Line("return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;");
        }
        w.Close();
        w.Line();
    }

    /// <summary>Reads the one value a scalar query returns, typed, without boxing it.</summary>
    private static void ReadScalar(SourceWriter w, string type)
    {
        w.Line("await using var reader = await command.ExecuteReaderAsync(global::System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);");
        w.Line("await reader.ReadAsync(cancellationToken).ConfigureAwait(false);");
        w.Line("return reader.GetFieldValue<" + type + ">(0);");
    }

    private static void ReadSingle(SourceWriter w, Context c)
    {
        w.Line("await using var reader = await command.ExecuteReaderAsync(global::System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);");
        w.Line("return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? " + c.Reader + ".ReadRow(reader) : null;");
    }

    private static void ReadAll(SourceWriter w, Context c)
    {
        w.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);");
        w.Line("var rows = new global::System.Collections.Generic.List<" + c.Entity.FullTypeName + ">();");
        w.Open("while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))");
        w.Line("rows.Add(" + c.Reader + ".ReadRow(reader));");
        w.Close();
        w.Line();
        w.Line("return rows;");
    }

    private static void AddKeyParameters(SourceWriter w, Context c)
    {
        foreach (var key in c.Keys)
        {
            w.Line("command.Parameters.Add(" + ValueCode.Parameter(key, Identifier(Camel(key.Property))) + ");");
        }
    }

    private static void KeyParamDocs(SourceWriter w, Context c)
    {
        foreach (var key in c.Keys)
        {
            w.Line("/// <param name=\"" + Camel(key.Property) + "\">The key" + (c.Keys.Count > 1 ? " part " + key.Property : string.Empty) + ".</param>");
        }
    }

    private static void DeletedDoc(SourceWriter w, Context c)
    {
        if (c.DeletedAt is not null)
        {
            w.Line("/// <param name=\"deleted\">Whether soft-deleted rows are left out (the default), included, or the only ones.</param>");
        }
    }

    private static string DeletedSignature(Context c) => c.DeletedAt is null ? string.Empty : ", " + DeletedParameter;

    private static string LiveNote(Context c) => c.DeletedAt is null ? string.Empty : " (live rows unless <paramref name=\"deleted\"/> says otherwise)";

    /// <summary>The constant for the requested rows: one SQL text per <c>DeletedRows</c> value, no string building.</summary>
    private static string Pick(Context c, string name)
        => c.DeletedAt is null
            ? name
            : "deleted switch { " + Deleted + ".Include => " + name + "All, " + Deleted + ".Only => " + name + "Deleted, _ => " + name + "Live }";

    private static string Literal(string text) => CSharp.String(text);
}
