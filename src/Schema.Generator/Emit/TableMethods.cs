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
    private const string Commands = "global::Schemata.TableCommands.";
    private const string Values = "global::Schemata.SchemaValues.";

    public static void Write(SourceWriter w, Context c)
    {
        WriteValidate(w, c);
        WriteInsert(w, c, "InsertAsync", "Insert", "Inserts <paramref name=\"entity\"/> and fills in what the database generated (key, timestamps).", conflict: -1, meetsDeleted: false);
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

        var notDeleted = c.DeletedAt is null ? string.Empty : " A soft-deleted row with the same {0} is not written: that is a conflict (restore it first).";
        WriteInsert(w, c, "UpsertAsync", "Upsert", "Inserts <paramref name=\"entity\"/>, or updates the row with the same key; fills in what the database generated." + string.Format(System.Globalization.CultureInfo.InvariantCulture, notDeleted, "key"), conflict: 0, meetsDeleted: true);
        var unique = c.Entity.Finders.Where(f => f.IsUnique).ToList();
        for (var i = 0; i < unique.Count; i++)
        {
            var finder = unique[i];
            var summary = "Inserts <paramref name=\"entity\"/>, or updates the row with the same " + finder.Name + "; fills in what the database generated."
                + (finder.LiveOnly ? string.Empty : string.Format(System.Globalization.CultureInfo.InvariantCulture, notDeleted, finder.Name));
            WriteInsert(w, c, "UpsertBy" + finder.Name + "Async", "UpsertBy" + finder.Name, summary, conflict: i + 1, meetsDeleted: !finder.LiveOnly);
        }

        if (c.DeletedAt is null)
        {
            WriteDelete(w, c, "DeleteAsync", "DeleteSql", "Deletes the row with the given key.", scalar: false);
        }
        else
        {
            WriteDelete(w, c, "SoftDeleteAsync", "SoftDeleteSql", "Soft-deletes the row with the given key (and, in the same statement, the dependents whose foreign key cascades soft deletes), using the database clock.", scalar: true);
            if (c.Entity.SoftDeleteParents.Count == 0)
            {
                WriteDelete(w, c, "RestoreAsync", "RestoreSql", "Restores a soft-deleted row, and the dependents its soft delete cascaded to.", scalar: true);
            }
            else
            {
                WriteRestoreUnderParents(w, c);
            }

            WriteDelete(w, c, "HardDeleteAsync", "DeleteSql", "Deletes the row with the given key for good, whether soft-deleted or not.", scalar: false);
        }

        WriteSave(w, c);
        WriteAddWritten(w, c);
    }

    private static void WriteValidate(SourceWriter w, Context c)
    {
        var e = c.Entity;
        w.Line("/// <summary>Checks required values, lengths and precision; generated writes call it before anything is sent.</summary>");
        w.Line("/// <param name=\"entity\">The entity to check.</param>");
        w.Line("/// <exception cref=\"global::Schemata.SchemaValidationException\">A value breaks a declared rule.</exception>");
        w.Open("public static void Validate(", e.FullTypeName, " entity)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(entity);");
        foreach (var column in e.Columns.Where(x => x.Role == ColumnRole.Plain))
        {
            var names = Literal(e.TypeName) + ", " + Literal(column.Property) + ", " + Literal(e.Table + "." + column.Column);
            var value = "entity." + column.Property;
            if (!column.IsNullable && !column.IsValueType)
            {
                w.Line(Values, "Require(", value, ", ", names, ");");
            }

            if (!column.IsNullable && column.ClrType == "global::System.Text.Json.JsonElement")
            {
                // default(JsonElement) holds no JSON at all: it is the missing value of a non-nullable element.
                w.Open("if (", value, ".ValueKind == global::System.Text.Json.JsonValueKind.Undefined)");
                w.Line("throw global::Schemata.SchemaValidationException.Required(", names, ");");
                w.Close();
            }

            if (column.MaxLength is not null || column.MinLength is not null)
            {
                var max = column.MaxLength is { } m ? Int(m) : "int.MaxValue";
                w.Line(Values, "CheckLength(", value, ", ", Int(column.MinLength ?? 0), ", ", max, ", ", names, ");");
            }

            if (column.Kind == StoreKind.Decimal && !column.IsArray && column.Precision is { } precision)
            {
                w.Line(Values, "CheckNumeric(", value, ", ", Int(precision), ", ", Int(column.Scale ?? 0), ", ", names, ");");
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>
    /// Insert and the upserts are one shape with different statements: each forwards to <c>SaveAsync</c>. On a
    /// soft-deletable entity each also says which conflict its statement resolves (-1 none, 0 the key, n the n-th
    /// unique finder), for the error when that conflict is a soft-deleted row.
    /// </summary>
    private static void WriteInsert(SourceWriter w, Context c, string method, string statement, string summary, int conflict, bool meetsDeleted)
    {
        var e = c.Entity;
        w.Line("/// <summary>", summary, "</summary>");
        w.Line("/// <param name=\"entity\">The entity; validated first.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the statement.</param>");
        w.Line("/// <returns>The same entity, with the generated values set.</returns>");
        if (meetsDeleted && c.DeletedAt is not null)
        {
            w.Line("/// <exception cref=\"global::Schemata.SchemaConstraintException\">The row that conflicts is soft-deleted; nothing was written.</exception>");
        }

        w.Line("public ", Task(e.FullTypeName), " ", method, "(", e.FullTypeName, " entity, ", Token, ")");
        w.Line("    => SaveAsync(entity, ", statement, "Sql", (c.ServerKey is null ? string.Empty : ", " + statement + "WithKeySql"),
            (c.DeletedAt is null ? string.Empty : ", conflict: " + Int(conflict)), ", cancellationToken);");
        w.Line();
    }

    /// <summary>Validate, send the written columns (and the key when the entity brings one), read back what the server set.</summary>
    private static void WriteSave(SourceWriter w, Context c)
    {
        var e = c.Entity;
        w.Open("private async " + Task(e.FullTypeName) + " SaveAsync(" + e.FullTypeName + " entity, string sql, " + (c.ServerKey is null ? string.Empty : "string withKeySql, ")
            + (c.DeletedAt is null ? string.Empty : "int conflict, ") + "global::System.Threading.CancellationToken cancellationToken)");
        w.Line("Validate(entity);");
        if (c.ServerKey is { } key)
        {
            w.Line("var withKey = entity.", key.Property, " != default;");
            w.Line("await using var command = _session.CreateCommand(withKey ? withKeySql : sql);");
            w.Open("if (withKey)");
            w.Line("command.Parameters.Add(", ValueCode.Parameter(key, "entity." + key.Property), ");");
            w.Close();
            w.Line();
        }
        else
        {
            w.Line("await using var command = _session.CreateCommand(sql);");
        }

        w.Line("AddWritten(command.Parameters, entity);");
        ReadReturned(w, c);
        w.Line("return entity;");
        w.Close();
        w.Line();
        if (c.DeletedAt is not null)
        {
            WriteSoftDeletedConflict(w, c);
        }
    }

    /// <summary>The error for an upsert that met a soft-deleted row: its conflict target, named as in the database.</summary>
    private static void WriteSoftDeletedConflict(SourceWriter w, Context c)
    {
        var e = c.Entity;
        string Error(string constraint, IEnumerable<ColumnAccess> columns)
            => Commands + "SoftDeletedConflict(" + Literal(e.Table) + ", " + Literal(constraint) + ", " + CSharp.Strings(columns.Select(x => x.Column)) + ")";

        w.Line("/// <summary>An upsert's conflict (0 the key, n the n-th unique finder) was a soft-deleted row, which it does not write.</summary>");
        w.Line("private static global::Schemata.SchemaConstraintException SoftDeletedConflict(int conflict) => conflict switch");
        w.Line("{");
        w.Indent++;
        var unique = e.Finders.Where(f => f.IsUnique).ToList();
        for (var i = 0; i < unique.Count; i++)
        {
            w.Line(Int(i + 1), " => ", Error(unique[i].IndexName, unique[i].Columns.Select(x => e.Columns[x])), ",");
        }

        w.Line("_ => ", Error(e.PrimaryKeyName, c.Keys), ",");
        w.Indent--;
        w.Line("};");
        w.Line();
    }

    /// <summary>The parameters of the written columns, in statement order; insert, the upserts and (for a server key) update share them.</summary>
    private static void WriteAddWritten(SourceWriter w, Context c)
    {
        w.Open("private static void AddWritten(global::Npgsql.NpgsqlParameterCollection parameters, ", c.Entity.FullTypeName, " entity)");
        foreach (var column in c.Written)
        {
            w.Line("parameters.Add(", ValueCode.Parameter(column, "entity." + column.Property), ");");
        }

        w.Close();
    }

    /// <summary>
    /// Reads back what the database made. An insert or upsert always returns its row, except an upsert on a
    /// soft-deletable table whose conflict is a deleted row: nothing was written, and that is the error.
    /// </summary>
    private static void ReadReturned(SourceWriter w, Context c)
    {
        var returned = c.Returned;
        var softDelete = c.DeletedAt is not null;
        if (returned.Count == 0)
        {
            if (softDelete)
            {
                w.Open("if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)");
                w.Line("throw SoftDeletedConflict(conflict);");
                w.Close();
                w.Line();
            }
            else
            {
                w.Line("await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);");
            }

            return;
        }

        w.Line("await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);");
        if (softDelete)
        {
            w.Open("if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))");
            w.Line("throw SoftDeletedConflict(conflict);");
            w.Close();
            w.Line();
            WriteAssignments(w, c, returned);
            w.Line();
            return;
        }

        w.Open("if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))");
        WriteAssignments(w, c, returned);
        w.Close();
        w.Line();
    }

    private static void WriteAssignments(SourceWriter w, Context c, List<ColumnAccess> returned)
    {
        for (var i = 0; i < returned.Count; i++)
        {
            if (!returned[i].IsInitOnly)
            {
                w.Line("entity.", returned[i].Property, " = ", ValueCode.Read(returned[i], Int(i), c.Entity.Table), ";");
            }
        }
    }

    private static void WriteInsertMany(SourceWriter w, Context c)
    {
        var e = c.Entity;
        var copied = TableSql.CopyColumns(c);
        w.Line("/// <summary>");
        w.Line("/// Inserts many rows in one binary COPY: the fastest way in. Every entity is validated as it is written; a failure");
        w.Line("/// cancels the COPY, so nothing is inserted. Empty uuid keys get a new version-7 Guid; timestamps come from the");
        w.Line("/// database clock but are not read back", (c.ServerKey is { IsIdentity: true } ? ", nor are identity keys" : string.Empty), ".");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"entities\">The rows to insert, streamed (not buffered).</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the COPY; nothing is inserted.</param>");
        w.Line("/// <returns>The number of rows inserted.</returns>");
        w.Open("public async global::System.Threading.Tasks.ValueTask<ulong> InsertManyAsync(global::System.Collections.Generic.IEnumerable<", e.FullTypeName, "> entities, ", Token, ")");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
        w.Line("await using var importer = await _session.Connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);");
        w.Open("foreach (var entity in entities)");
        w.Line("Validate(entity);");
        if (c.ServerKey is { IsIdentity: false } uuid)
        {
            if (uuid.IsInitOnly)
            {
                w.Line("var key = entity.", uuid.Property, " == default ? global::System.Guid.CreateVersion7() : entity.", uuid.Property, ";");
            }
            else
            {
                w.Open("if (entity.", uuid.Property, " == default)");
                w.Line("entity.", uuid.Property, " = global::System.Guid.CreateVersion7();");
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
        w.Line("/// <summary>The row with the given key", LiveNote(c), ", or <see langword=\"null\"/>.</summary>");
        KeyParamDocs(w, c);
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns>The entity, or <see langword=\"null\"/> when there is none.</returns>");
        w.Line("public ", Async(c.KeyConverts), Task(c.Entity.FullTypeName + "?"), " GetAsync(", c.KeyParameters, DeletedSignature(c), ", ", Token, ")");
        w.Line("    => ", Await(c.KeyConverts), Commands, "FindAsync(_session, ", Pick(c, "GetSql"), ", ", c.KeyArguments, ", ", c.Reader, ".ReadRow, cancellationToken)", End(c.KeyConverts));
        w.Line();
    }

    private static void WriteExists(SourceWriter w, Context c)
    {
        w.Line("/// <summary>Whether a row with the given key exists", LiveNote(c), ".</summary>");
        KeyParamDocs(w, c);
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when the row exists.</returns>");
        w.Line("public ", Async(c.KeyConverts), Task("bool"), " ExistsAsync(", c.KeyParameters, DeletedSignature(c), ", ", Token, ")");
        w.Line("    => ", Await(c.KeyConverts), Commands, "ScalarAsync<bool>(_session, ", Pick(c, "ExistsSql"), ", ", c.KeyArguments, ", cancellationToken)", End(c.KeyConverts));
        w.Line();
    }

    private static void WriteCount(SourceWriter w, Context c)
    {
        w.Line("/// <summary>The number of rows", LiveNote(c), ".</summary>");
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns>The count.</returns>");
        w.Line("public ", Task("long"), " CountAsync(", (c.DeletedAt is null ? string.Empty : DeletedParameter + ", "), Token, ")");
        w.Line("    => ", Commands, "ScalarAsync<long>(_session, ", Pick(c, "CountSql"), ", cancellationToken);");
        w.Line();
    }

    private static void WriteList(SourceWriter w, Context c)
    {
        var e = c.Entity;
        w.Line("/// <summary>A page of rows", LiveNote(c), ", ordered by a column and then by the key.</summary>");
        w.Line("/// <param name=\"limit\">The most rows to return.</param>");
        w.Line("/// <param name=\"offset\">How many rows to skip.</param>");
        w.Line("/// <param name=\"orderBy\">The column to order by.</param>");
        w.Line("/// <param name=\"descending\">Order from the highest value down.</param>");
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line("/// <returns>The rows.</returns>");
        w.Line("public ", Task(Rows(c)), " ListAsync(int limit = 100, int offset = 0, ", c.ColumnEnum, " orderBy = ", c.ColumnEnum, ".", c.Keys[0].Property,
            ", bool descending = false", DeletedSignature(c), ", ", Token, ")");
        w.Line("    => ", Commands, "PageAsync(_session, ", Pick(c, "SelectSql"), ", OrderColumns, (int)orderBy, descending, ", CSharp.String(c.KeyColumns), ", limit, offset, ",
            c.Reader, ".ReadRow, cancellationToken);");
        w.Line();
    }

    private static void WriteStream(SourceWriter w, Context c)
    {
        w.Line("/// <summary>Every row", LiveNote(c), ", yielded as it arrives: the result is never buffered.</summary>");
        DeletedDoc(w, c);
        w.Line("/// <param name=\"cancellationToken\">Stops the stream.</param>");
        w.Line("/// <returns>The rows, in no particular order.</returns>");
        w.Line("public global::System.Collections.Generic.IAsyncEnumerable<", c.Entity.FullTypeName, "> StreamAsync(",
            c.DeletedAt is null ? string.Empty : DeletedParameter + ", ", Token, ")");
        w.Line("    => ", Commands, "StreamAsync(_session, ", Pick(c, "SelectSql"), ", ", c.Reader, ".ReadRow, cancellationToken);");
        w.Line();
    }

    private static void WriteFinder(SourceWriter w, Context c, FinderAccess finder)
    {
        var e = c.Entity;
        var columns = finder.Columns.Select(i => e.Columns[i]).ToList();
        var parameters = ValueCode.ParameterList(columns);
        var withDeleted = c.DeletedAt is not null && !finder.LiveOnly;
        var live = finder.LiveOnly ? " among live rows" : LiveNote(c);
        if (finder.IsUnique)
        {
            w.Line("/// <summary>The row with the given ", string.Join(" and ", columns.Select(x => x.Property)), live, ", or <see langword=\"null\"/> (a unique index).</summary>");
        }
        else
        {
            w.Line("/// <summary>The rows with the given ", string.Join(" and ", columns.Select(x => x.Property)), live, " (an index), ordered by key.</summary>");
        }

        foreach (var column in columns)
        {
            var nullNote = !column.IsNullable ? string.Empty
                : finder.IsUnique ? "; null finds a row where it is NULL (the first by key, as NULL is not unique)"
                : "; null finds the rows where it is NULL";
            w.Line("/// <param name=\"", Camel(column.Property), "\">The ", column.Property, " to look for", nullNote, ".</param>");
        }

        if (withDeleted)
        {
            DeletedDoc(w, c);
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the query.</param>");
        w.Line(finder.IsUnique ? "/// <returns>The entity, or <see langword=\"null\"/>.</returns>" : "/// <returns>The rows.</returns>");
        var returns = finder.IsUnique ? e.FullTypeName + "?" : Rows(c);
        var name = (finder.IsUnique ? "GetBy" : "ListBy") + finder.Name + "Async";
        var converts = ValueCode.Converts(columns);
        w.Line("public ", Async(converts), Task(returns), " ", name, "(", parameters, (withDeleted ? ", " + DeletedParameter : string.Empty), ", ", Token, ")");
        var arguments = ValueCode.Arguments(columns);
        w.Line("    => ", Await(converts), Commands, finder.IsUnique ? "FindAsync" : "ListAsync", "(_session, ", FinderStatement(c, finder, columns, withDeleted), ", ", arguments, ", ",
            c.Reader, ".ReadRow, cancellationToken)", End(converts));
        w.Line();
    }

    /// <summary>
    /// The finder's statement for its arguments: with nullable columns, a conditional on each of them being null
    /// that picks the statement looking for IS NULL there (see <see cref="TableSql.FinderVariants"/>).
    /// </summary>
    private static string FinderStatement(Context c, FinderAccess finder, List<ColumnAccess> columns, bool withDeleted)
    {
        var stem = (finder.IsUnique ? "GetBy" : "ListBy") + finder.Name;
        var variants = TableSql.FinderVariants(columns);
        var nullable = Enumerable.Range(0, columns.Count).Where(i => columns[i].IsNullable).ToList();

        string Statement(int mask)
        {
            var name = stem + variants[mask].Suffix + "Sql";
            return withDeleted ? Pick(c, name) : name;
        }

        string Choose(int bit, int mask, bool nested)
        {
            if (bit == nullable.Count)
            {
                return nested && withDeleted ? "(" + Statement(mask) + ")" : Statement(mask);
            }

            var test = ValueCode.ArgumentName(columns[nullable[bit]]) + " is null ? " + Choose(bit + 1, mask | (1 << bit), nested: true) + " : " + Choose(bit + 1, mask, nested: true);
            return nested ? "(" + test + ")" : test;
        }

        return Choose(0, 0, nested: false);
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
        w.Open("public async ", Task("bool"), " UpdateAsync(", e.FullTypeName, " entity, ", Token, ")");
        w.Line("Validate(entity);");
        w.Line("await using var command = _session.CreateCommand(UpdateSql);");
        foreach (var key in c.Keys)
        {
            w.Line("command.Parameters.Add(", ValueCode.Parameter(key, "entity." + key.Property), ");");
        }

        if (c.Updated.SequenceEqual(c.Written))
        {
            w.Line("AddWritten(command.Parameters, entity);");
        }
        else
        {
            foreach (var column in c.Updated)
            {
                w.Line("command.Parameters.Add(", ValueCode.Parameter(column, "entity." + column.Property), ");");
            }
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
                w.Line("entity.", c.UpdatedAt.Property, " = ", ValueCode.Read(c.UpdatedAt, "0", e.Table), ";");
            }

            w.Line("return true;");
        }

        w.Close();
        w.Line();
    }

    private static void WriteDelete(SourceWriter w, Context c, string method, string sql, string summary, bool scalar)
    {
        w.Line("/// <summary>", summary, "</summary>");
        KeyParamDocs(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the statement.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when a row was changed; <see langword=\"false\"/> when none matched.</returns>");
        if (scalar)
        {
            // The statement returns how many rows its first step changed.
            w.Line("public async ", Task("bool"), " ", method, "(", c.KeyParameters, ", ", Token, ")");
            w.Line("    => await ", Commands, "ScalarAsync<long>(_session, ", sql, ", ", c.KeyArguments, ", cancellationToken).ConfigureAwait(false) > 0;");
        }
        else
        {
            w.Line("public ", Async(c.KeyConverts), Task("bool"), " ", method, "(", c.KeyParameters, ", ", Token, ")");
            w.Line("    => ", Await(c.KeyConverts), Commands, "ExecuteAsync(_session, ", sql, ", ", c.KeyArguments, ", cancellationToken)", End(c.KeyConverts));
        }

        w.Line();
    }

    /// <summary>RestoreAsync of an entity whose soft delete follows a parent's: refused while that parent is deleted.</summary>
    private static void WriteRestoreUnderParents(SourceWriter w, Context c)
    {
        var e = c.Entity;
        var parents = string.Join(" or ", e.SoftDeleteParents.Select(p => p.Table));
        w.Line("/// <summary>");
        w.Line("/// Restores a soft-deleted row, and the dependents its soft delete cascaded to; refused while its ", parents, " row is soft-deleted,");
        w.Line("/// as it would then be visible under a hidden parent (restore the parent, which brings back what its delete cascaded to).");
        w.Line("/// </summary>");
        KeyParamDocs(w, c);
        w.Line("/// <param name=\"cancellationToken\">Cancels the statement.</param>");
        w.Line("/// <returns><see langword=\"true\"/> when a row was changed; <see langword=\"false\"/> when none matched.</returns>");
        w.Line("/// <exception cref=\"global::Schemata.SchemaConstraintException\">The row's parent is soft-deleted; nothing was restored.</exception>");
        w.Line("public async ", Task("bool"), " RestoreAsync(", c.KeyParameters, ", ", Token, ")");
        w.Line("    => await ", Commands, "ScalarAsync<long>(_session, RestoreSql, ", c.KeyArguments, ", cancellationToken).ConfigureAwait(false) switch");
        w.Line("    {");
        w.Indent++;
        w.Line("    > 0 => true,");
        w.Line("    0 => false,");
        for (var i = 0; i < e.SoftDeleteParents.Count; i++)
        {
            var p = e.SoftDeleteParents[i];
            var arm = i == e.SoftDeleteParents.Count - 1 ? "_" : "-" + Int(i + 1);
            w.Line("    ", arm, " => throw ", Commands, "ParentStillDeleted(", Literal(e.Table), ", ", Literal(p.Table), ", ", Literal(p.ForeignKeyName), ", ", Literal(p.ForeignKeyColumn), "),");
        }

        w.Indent--;
        w.Line("    };");
        w.Line();
    }

    private static string Async(bool converts) => converts ? "async " : string.Empty;

    private static string Await(bool converts) => converts ? "await " : string.Empty;

    private static string End(bool converts) => converts ? ".ConfigureAwait(false);" : ";";

    private static string Task(string type) => "global::System.Threading.Tasks.ValueTask<" + type + ">";

    private static string Rows(Context c) => "global::System.Collections.Generic.List<" + c.Entity.FullTypeName + ">";

    private static void KeyParamDocs(SourceWriter w, Context c)
    {
        foreach (var key in c.Keys)
        {
            w.Line("/// <param name=\"", Camel(key.Property), "\">The key", (c.Keys.Count > 1 ? " part " + key.Property : string.Empty), ".</param>");
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
