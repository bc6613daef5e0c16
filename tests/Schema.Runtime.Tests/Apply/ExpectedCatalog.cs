namespace Schemata.Tests.Apply;

/// <summary>
/// The catalog the test model (tests/Schema.TestModel) must produce, written by hand from the entity declarations
/// and PostgreSQL's own renderings (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef).
/// </summary>
internal static class ExpectedCatalog
{
    public const string Text = """"
        type public.priority: low, medium, high, very_high
        column public.all_types.id uuid not null default gen_random_uuid()
        column public.all_types.text text not null
        column public.all_types.nullable_text text
        column public.all_types.varchar character varying(50) not null
        column public.all_types.bounded character varying(10) not null
        column public.all_types.small_number smallint not null
        column public.all_types.number integer not null
        column public.all_types.big_number bigint not null
        column public.all_types.nullable_number integer
        column public.all_types.counter integer not null default 5
        column public.all_types.flag boolean not null default false
        column public.all_types.enabled boolean not null default true
        column public.all_types.nullable_flag boolean
        column public.all_types.amount numeric(12,2) not null
        column public.all_types.ratio numeric not null
        column public.all_types.real64 double precision not null
        column public.all_types.real32 real not null
        column public.all_types.at timestamp with time zone not null
        column public.all_types.nullable_at timestamp with time zone
        column public.all_types.utc_at timestamp with time zone not null
        column public.all_types.day date not null
        column public.all_types.time_of_day time without time zone not null
        column public.all_types.duration interval not null
        column public.all_types.blob bytea
        column public.all_types.priority priority not null default 'medium'::priority
        column public.all_types.nullable_priority priority
        column public.all_types.state text not null
        column public.all_types.document jsonb
        column public.all_types.element jsonb not null
        column public.all_types.raw_json jsonb
        column public.all_types.preferences jsonb
        column public.all_types.address inet
        column public.all_types.numbers integer[]
        column public.all_types.tags text[] not null
        column public.all_types.related uuid[]
        column public.all_types.priorities priority[]
        column public.all_types.renamed_column character varying(20) default 'x'::character varying
        constraint public.all_types.pk_all_types PRIMARY KEY (id)
        constraint public.all_types.ck_all_types_bounded_length CHECK ((char_length((bounded)::text) >= 2))
        constraint public.all_types.ck_all_types_state_enum CHECK ((state = ANY (ARRAY['open'::text, 'in-progress'::text, 'closed'::text])))
        constraint public.all_types.ck_all_types_small_number_positive CHECK ((small_number >= 0))
        column public.audit_log.id bigint not null identity by default
        column public.audit_log.action text not null
        column public.audit_log.ip_address inet
        column public.audit_log.metadata jsonb
        column public.audit_log.created_at timestamp with time zone not null default now()
        constraint public.audit_log.pk_audit_log PRIMARY KEY (id)
        constraint public.audit_log.ck_audit_log_5da3fbf3 CHECK ((action <> ''::text))
        column public.document_topics.document_id uuid not null
        column public.document_topics.topic_id integer not null
        constraint public.document_topics.pk_document_topics PRIMARY KEY (document_id, topic_id)
        constraint public.document_topics.fk_document_topics_document_id FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE
        constraint public.document_topics.fk_document_topics_topic_id FOREIGN KEY (topic_id) REFERENCES topics(id) ON DELETE CASCADE
        column public.documents.id uuid not null default gen_random_uuid()
        column public.documents.folder_id uuid
        column public.documents.user_id uuid
        column public.documents.title character varying(200) not null
        column public.documents.priority priority not null
        column public.documents.created_at timestamp with time zone not null default now()
        column public.documents.updated_at timestamp with time zone not null default now()
        constraint public.documents.pk_documents PRIMARY KEY (id)
        constraint public.documents.fk_documents_folder_id FOREIGN KEY (folder_id) REFERENCES folders(id) ON DELETE SET NULL
        constraint public.documents.fk_documents_user_id FOREIGN KEY (user_id) REFERENCES users(id)
        constraint public.documents.ck_documents_title_length CHECK ((char_length((title)::text) >= 1))
        constraint public.documents.ck_documents_title CHECK (((title)::text <> 'untitled'::text))
        index CREATE INDEX ix_documents_folder_id_created_at ON public.documents USING btree (folder_id, created_at)
        index CREATE INDEX ix_documents_priority ON public.documents USING btree (priority)
        column public.folders.id uuid not null default gen_random_uuid()
        column public.folders.parent_id uuid
        column public.folders.name character varying(255) not null
        column public.folders.created_at timestamp with time zone not null default now()
        column public.folders.updated_at timestamp with time zone not null default now()
        constraint public.folders.pk_folders PRIMARY KEY (id)
        constraint public.folders.fk_folders_parent_id FOREIGN KEY (parent_id) REFERENCES folders(id) ON DELETE CASCADE
        constraint public.folders.ck_folders_name_length CHECK ((char_length((name)::text) >= 1))
        index CREATE UNIQUE INDEX uq_folders_parent_id_name ON public.folders USING btree (parent_id, name)
        column messaging.outbox.id bigint not null identity by default
        column messaging.outbox.aggregate_type character varying(100) not null
        column messaging.outbox.aggregate_id uuid not null
        column messaging.outbox.payload jsonb not null
        column messaging.outbox.published_at timestamp with time zone
        column messaging.outbox.created_at timestamp with time zone not null default now()
        constraint messaging.outbox.pk_outbox PRIMARY KEY (id)
        index CREATE INDEX ix_outbox_unpublished ON messaging.outbox USING btree (created_at) WHERE (published_at IS NULL)
        index CREATE INDEX ix_outbox_payload ON messaging.outbox USING gin (payload)
        column public.topics.id integer not null identity by default
        column public.topics.slug character varying(100) not null
        constraint public.topics.pk_topics PRIMARY KEY (id)
        constraint public.topics.topics_slug_key UNIQUE (slug)
        column public.users.id uuid not null default gen_random_uuid()
        column public.users.email character varying(320) not null
        column public.users.display_name text
        column public.users.is_admin boolean not null default false
        column public.users.created_at timestamp with time zone not null default now()
        column public.users.updated_at timestamp with time zone not null default now()
        column public.users.deleted_at timestamp with time zone
        constraint public.users.pk_users PRIMARY KEY (id)
        index CREATE UNIQUE INDEX uq_users_email ON public.users USING btree (email) WHERE (deleted_at IS NULL)
        column public.api_keys.id uuid not null default gen_random_uuid()
        column public.api_keys.user_id uuid not null
        column public.api_keys.label character varying(64) not null
        column public.api_keys.created_at timestamp with time zone not null default now()
        column public.api_keys.updated_at timestamp with time zone not null default now()
        column public.api_keys.deleted_at timestamp with time zone
        constraint public.api_keys.pk_api_keys PRIMARY KEY (id)
        constraint public.api_keys.fk_api_keys_user_id FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
        index CREATE INDEX ix_api_keys_user_id ON public.api_keys USING btree (user_id)
        column public.api_key_scopes.id uuid not null default gen_random_uuid()
        column public.api_key_scopes.api_key_id uuid not null
        column public.api_key_scopes.scope text not null
        column public.api_key_scopes.created_at timestamp with time zone not null default now()
        column public.api_key_scopes.updated_at timestamp with time zone not null default now()
        column public.api_key_scopes.deleted_at timestamp with time zone
        constraint public.api_key_scopes.pk_api_key_scopes PRIMARY KEY (id)
        constraint public.api_key_scopes.fk_api_key_scopes_api_key_id FOREIGN KEY (api_key_id) REFERENCES api_keys(id) ON DELETE CASCADE
        column public.user.id uuid not null default gen_random_uuid()
        column public.user.Weird "Name" character varying(100) not null
        column public.user.with space text
        column public.user.CamelCase text
        column public.user.handle character varying(200) not null
        column public.user.created_at timestamp with time zone not null default now()
        column public.user.updated_at timestamp with time zone not null default now()
        column public.user.deleted_at timestamp with time zone
        constraint public.user.pk_user PRIMARY KEY (id)
        constraint public.user.ck_user_Weird "Name"_length CHECK ((char_length(("Weird ""Name""")::text) >= 1))
        index CREATE UNIQUE INDEX uq_user_handle ON public."user" USING btree (handle) WHERE (deleted_at IS NULL)
        index CREATE INDEX "ix_user_CamelCase" ON public."user" USING btree ("CamelCase")
        column public.order.id bigint not null identity by default
        column public.order.User Id uuid not null
        column public.order.select text not null
        column public.order.Total "Due" numeric(12,2) not null
        constraint public.order.pk_order PRIMARY KEY (id)
        constraint public.order.fk_order_User Id FOREIGN KEY ("User Id") REFERENCES "user"(id) ON DELETE CASCADE
        index CREATE INDEX "ix_order_User Id" ON public."order" USING btree ("User Id")
        """";
}
