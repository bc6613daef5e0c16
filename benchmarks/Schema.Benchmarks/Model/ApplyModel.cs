using System;
using Schemata;

namespace Schemata.Benchmarks.Model;

// The apply scenario's model: these 28 tables plus items and item_writes make the 30 tables that Schema.Script
// creates and that a no-op apply checks. Kept in one file because it is a fixture, not code anyone steps through.

/// <summary>A status shared by several tables: a native enum type in the model.</summary>
[DbEnum]
public enum RecordStatus
{
    Draft,
    Active,
    Archived,
}

/// <summary>Table <c>tenants</c> of the apply model.</summary>
[Table("tenants")]
[Index(nameof(Code), Unique = true)]
public sealed class Tenant : Entity
{
    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>accounts</c> of the apply model.</summary>
[Table("accounts")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Account : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>customers</c> of the apply model.</summary>
[Table("customers")]
[Index(nameof(AccountId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Customer : Entity
{
    [ForeignKey(typeof(Account), OnDelete = ReferentialAction.Cascade)]
    public Guid AccountId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>addresss</c> of the apply model.</summary>
[Table("addresss")]
[Index(nameof(CustomerId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Address : Entity
{
    [ForeignKey(typeof(Customer), OnDelete = ReferentialAction.Cascade)]
    public Guid CustomerId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>suppliers</c> of the apply model.</summary>
[Table("suppliers")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Supplier : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>warehouses</c> of the apply model.</summary>
[Table("warehouses")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Warehouse : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>categorys</c> of the apply model.</summary>
[Table("categorys")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Category : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>products</c> of the apply model.</summary>
[Table("products")]
[Index(nameof(CategoryId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Product : Entity
{
    [ForeignKey(typeof(Category), OnDelete = ReferentialAction.Cascade)]
    public Guid CategoryId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>product_images</c> of the apply model.</summary>
[Table("product_images")]
[Index(nameof(ProductId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class ProductImage : Entity
{
    [ForeignKey(typeof(Product), OnDelete = ReferentialAction.Cascade)]
    public Guid ProductId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>price_lists</c> of the apply model.</summary>
[Table("price_lists")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class PriceList : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>price_entrys</c> of the apply model.</summary>
[Table("price_entrys")]
[Index(nameof(PriceListId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class PriceEntry : Entity
{
    [ForeignKey(typeof(PriceList), OnDelete = ReferentialAction.Cascade)]
    public Guid PriceListId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>stock_levels</c> of the apply model.</summary>
[Table("stock_levels")]
[Index(nameof(WarehouseId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class StockLevel : Entity
{
    [ForeignKey(typeof(Warehouse), OnDelete = ReferentialAction.Cascade)]
    public Guid WarehouseId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>carts</c> of the apply model.</summary>
[Table("carts")]
[Index(nameof(CustomerId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Cart : Entity
{
    [ForeignKey(typeof(Customer), OnDelete = ReferentialAction.Cascade)]
    public Guid CustomerId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>cart_lines</c> of the apply model.</summary>
[Table("cart_lines")]
[Index(nameof(CartId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class CartLine : Entity
{
    [ForeignKey(typeof(Cart), OnDelete = ReferentialAction.Cascade)]
    public Guid CartId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>orders</c> of the apply model.</summary>
[Table("orders")]
[Index(nameof(CustomerId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Order : Entity
{
    [ForeignKey(typeof(Customer), OnDelete = ReferentialAction.Cascade)]
    public Guid CustomerId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>order_lines</c> of the apply model.</summary>
[Table("order_lines")]
[Index(nameof(OrderId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class OrderLine : Entity
{
    [ForeignKey(typeof(Order), OnDelete = ReferentialAction.Cascade)]
    public Guid OrderId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>payments</c> of the apply model.</summary>
[Table("payments")]
[Index(nameof(OrderId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Payment : Entity
{
    [ForeignKey(typeof(Order), OnDelete = ReferentialAction.Cascade)]
    public Guid OrderId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>refunds</c> of the apply model.</summary>
[Table("refunds")]
[Index(nameof(PaymentId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Refund : Entity
{
    [ForeignKey(typeof(Payment), OnDelete = ReferentialAction.Cascade)]
    public Guid PaymentId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>shipments</c> of the apply model.</summary>
[Table("shipments")]
[Index(nameof(OrderId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Shipment : Entity
{
    [ForeignKey(typeof(Order), OnDelete = ReferentialAction.Cascade)]
    public Guid OrderId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>shipment_lines</c> of the apply model.</summary>
[Table("shipment_lines")]
[Index(nameof(ShipmentId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class ShipmentLine : Entity
{
    [ForeignKey(typeof(Shipment), OnDelete = ReferentialAction.Cascade)]
    public Guid ShipmentId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>invoices</c> of the apply model.</summary>
[Table("invoices")]
[Index(nameof(OrderId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Invoice : Entity
{
    [ForeignKey(typeof(Order), OnDelete = ReferentialAction.Cascade)]
    public Guid OrderId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>invoice_lines</c> of the apply model.</summary>
[Table("invoice_lines")]
[Index(nameof(InvoiceId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class InvoiceLine : Entity
{
    [ForeignKey(typeof(Invoice), OnDelete = ReferentialAction.Cascade)]
    public Guid InvoiceId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>coupons</c> of the apply model.</summary>
[Table("coupons")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Coupon : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>reviews</c> of the apply model.</summary>
[Table("reviews")]
[Index(nameof(ProductId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Review : Entity
{
    [ForeignKey(typeof(Product), OnDelete = ReferentialAction.Cascade)]
    public Guid ProductId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>wishlists</c> of the apply model.</summary>
[Table("wishlists")]
[Index(nameof(CustomerId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Wishlist : Entity
{
    [ForeignKey(typeof(Customer), OnDelete = ReferentialAction.Cascade)]
    public Guid CustomerId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>wishlist_items</c> of the apply model.</summary>
[Table("wishlist_items")]
[Index(nameof(WishlistId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class WishlistItem : Entity
{
    [ForeignKey(typeof(Wishlist), OnDelete = ReferentialAction.Cascade)]
    public Guid WishlistId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>notifications</c> of the apply model.</summary>
[Table("notifications")]
[Index(nameof(AccountId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class Notification : Entity
{
    [ForeignKey(typeof(Account), OnDelete = ReferentialAction.Cascade)]
    public Guid AccountId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}

/// <summary>Table <c>audit_events</c> of the apply model.</summary>
[Table("audit_events")]
[Index(nameof(TenantId), nameof(Status))]
[Index(nameof(Code), Unique = true)]
public sealed class AuditEvent : Entity
{
    [ForeignKey(typeof(Tenant), OnDelete = ReferentialAction.Cascade)]
    public Guid TenantId { get; set; }

    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;

    [Length(1, 200)]
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RecordStatus Status { get; set; }

    [Precision(12, 2)]
    public decimal Amount { get; set; }

    public int Position { get; set; }
}
