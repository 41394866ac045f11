//! Structs across the boundary: by value, by pointer, nested, holding an
//! array, and a table of their layout for Python to check its cdef.

use std::f64::consts::PI;
use std::ffi::c_char;
use std::ptr;

// ANCHOR: status
/// The call succeeded.
pub const OK: i32 = 0;
/// A pointer argument was NULL.
pub const NULL_POINTER: i32 = 1;
/// A polygon had no points.
pub const NO_POINTS: i32 = 2;
/// A polygon's `count` was larger than `MAX_POINTS`.
pub const TOO_MANY_POINTS: i32 = 3;
// ANCHOR_END: status

// ANCHOR: types
/// A point in the plane.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A circle: a struct nested in a struct, then a number.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Circle {
    pub center: Point,
    pub radius: f64,
}

/// The rectangle from `min` to `max`, sides parallel to the axes.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

/// How many points a `Polygon` has room for.
pub const MAX_POINTS: usize = 8;

/// A polygon of `count` points, stored in the struct itself.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Polygon {
    pub count: u32,
    pub points: [Point; MAX_POINTS],
}
// ANCHOR_END: types

// ANCHOR: by_value
/// The area of `circle`. Every input has a result: NaN gives NaN, and a
/// negative radius the area of its absolute value.
#[unsafe(no_mangle)]
pub extern "C" fn circle_area(circle: Circle) -> f64 {
    PI * circle.radius * circle.radius
}

/// The smallest `Rect` around `circle`, returned by value: the caller
/// gets its own copy. A negative radius counts as its absolute value.
#[unsafe(no_mangle)]
pub extern "C" fn circle_bounds(circle: Circle) -> Rect {
    let Point { x, y } = circle.center;
    let r = circle.radius.abs();
    Rect {
        min: Point { x: x - r, y: y - r },
        max: Point { x: x + r, y: y + r },
    }
}
// ANCHOR_END: by_value

// ANCHOR: by_pointer
/// Writes the smallest `Rect` around the first `count` points of
/// `*polygon` into `*out`.
///
/// The caller owns both structs: Rust reads one and writes the other
/// during this call, and keeps no pointer to either. Returns `OK`, or,
/// leaving `*out` unchanged, `NULL_POINTER` if a pointer is NULL,
/// `NO_POINTS` if `count` is 0, `TOO_MANY_POINTS` if `count` is over
/// `MAX_POINTS`. NaN coordinates are skipped unless all are NaN.
///
/// # Safety
///
/// Each pointer must be NULL or point to an aligned struct of its type
/// that nothing else changes during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn polygon_bounds(
    polygon: *const Polygon,
    out: *mut Rect,
) -> i32 {
    // SAFETY: `as_ref` returns None for NULL; otherwise the caller
    // promises a valid `Polygon`.
    let Some(polygon) = (unsafe { polygon.as_ref() }) else {
        return NULL_POINTER;
    };
    if out.is_null() {
        return NULL_POINTER;
    }
    let Some(points) = polygon.points.get(..polygon.count as usize) else {
        return TOO_MANY_POINTS;
    };
    let Some((first, rest)) = points.split_first() else {
        return NO_POINTS;
    };
    let mut bounds = Rect {
        min: *first,
        max: *first,
    };
    for point in rest {
        bounds.min.x = bounds.min.x.min(point.x);
        bounds.min.y = bounds.min.y.min(point.y);
        bounds.max.x = bounds.max.x.max(point.x);
        bounds.max.y = bounds.max.y.max(point.y);
    }
    // SAFETY: `out` is not NULL (checked); the caller promises it points
    // to a `Rect`.
    unsafe { out.write(bounds) };
    OK
}
// ANCHOR_END: by_pointer

// ANCHOR: layout
/// One row of the layout table: a struct (`field` is NULL, `offset` 0) or
/// one of its fields. Sizes, alignments and offsets are in bytes.
#[repr(C)]
pub struct LayoutRow {
    pub type_name: *const c_char,
    pub field: *const c_char,
    pub offset: usize,
    pub size: usize,
    pub align: usize,
}

// SAFETY: the rows are immutable, and their pointers point to immutable
// static strings, so threads can share them.
unsafe impl Sync for LayoutRow {}

/// The size and alignment of the field that `get` returns a reference to.
const fn size_align<S, F>(_get: fn(&S) -> &F) -> (usize, usize) {
    (size_of::<F>(), align_of::<F>())
}

/// A NUL-terminated name, as C reads it.
macro_rules! c_name {
    ($name:ident) => {
        concat!(stringify!($name), "\0").as_ptr().cast::<c_char>()
    };
}

/// The rows of each struct: itself, then each field, read by the compiler.
macro_rules! layout_rows {
    ($($type:ident { $($field:ident),* })*) => {[$(
        LayoutRow {
            type_name: c_name!($type),
            field: ptr::null(),
            offset: 0,
            size: {
                // Compiles only if the list names every field of $type.
                let _ = |all: &$type| {
                    let $type { $($field: _),* } = all;
                };
                size_of::<$type>()
            },
            align: align_of::<$type>(),
        },
        $(LayoutRow {
            type_name: c_name!($type),
            field: c_name!($field),
            offset: std::mem::offset_of!($type, $field),
            size: size_align(|s: &$type| &s.$field).0,
            align: size_align(|s: &$type| &s.$field).1,
        },)*
    )*]};
}

/// Every struct this library shares with Python, and all their fields.
static LAYOUT: &[LayoutRow] = &layout_rows! {
    Point { x, y }
    Circle { center, radius }
    Rect { min, max }
    Polygon { count, points }
    LayoutRow { type_name, field, offset, size, align }
};

/// Row `index` of the layout table, or NULL when `index` is past its
/// end. The table and its strings are static: they stay valid while the
/// library is loaded, and nobody frees them.
#[unsafe(no_mangle)]
pub extern "C" fn layout_row(index: usize) -> *const LayoutRow {
    LAYOUT.get(index).map_or(ptr::null(), ptr::from_ref)
}
// ANCHOR_END: layout

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn polygon(points: &[Point]) -> Polygon {
        let mut polygon = Polygon {
            count: points.len() as u32,
            points: [Point { x: 0.0, y: 0.0 }; MAX_POINTS],
        };
        polygon.points[..points.len()].copy_from_slice(points);
        polygon
    }

    #[test]
    fn circle_area_and_bounds() {
        let unit = Circle {
            center: Point { x: 10.0, y: 20.0 },
            radius: -1.0,
        };
        assert_eq!(circle_area(unit), PI);
        let bounds = circle_bounds(unit);
        assert_eq!(bounds.min, Point { x: 9.0, y: 19.0 });
        assert_eq!(bounds.max, Point { x: 11.0, y: 21.0 });
    }

    #[test]
    fn polygon_bounds_covers_every_point() {
        let triangle = polygon(&[
            Point { x: 0.0, y: 0.0 },
            Point { x: 4.0, y: -1.0 },
            Point { x: 1.0, y: 3.0 },
        ]);
        let mut out = Rect {
            min: Point { x: 0.0, y: 0.0 },
            max: Point { x: 0.0, y: 0.0 },
        };
        // SAFETY: both pointers come from live references.
        assert_eq!(unsafe { polygon_bounds(&triangle, &mut out) }, OK);
        assert_eq!(out.min, Point { x: 0.0, y: -1.0 });
        assert_eq!(out.max, Point { x: 4.0, y: 3.0 });
    }

    #[test]
    fn polygon_bounds_reports_bad_input_and_leaves_out_alone() {
        let before = circle_bounds(Circle {
            center: Point { x: 1.0, y: 1.0 },
            radius: 1.0,
        });
        let mut out = before;
        let mut too_many = polygon(&[]);
        too_many.count = MAX_POINTS as u32 + 1;
        // SAFETY: every pointer is NULL or comes from a live reference.
        unsafe {
            assert_eq!(polygon_bounds(ptr::null(), &mut out), NULL_POINTER);
            assert_eq!(
                polygon_bounds(&polygon(&[]), ptr::null_mut()),
                NULL_POINTER
            );
            assert_eq!(polygon_bounds(&polygon(&[]), &mut out), NO_POINTS);
            assert_eq!(polygon_bounds(&too_many, &mut out), TOO_MANY_POINTS);
        }
        assert_eq!(out, before);
    }

    #[test]
    fn the_layout_table_describes_every_field() {
        let name = |text: *const c_char| {
            // SAFETY: the table's names are static NUL-terminated strings.
            let text = unsafe { CStr::from_ptr(text) };
            text.to_str().unwrap().to_owned()
        };
        let mut rows = Vec::new();
        while let Some(row) = LAYOUT.get(rows.len()) {
            assert_eq!(layout_row(rows.len()), ptr::from_ref(row));
            let field = (!row.field.is_null()).then(|| name(row.field));
            rows.push((name(row.type_name), field, row.offset, row.size));
        }
        assert!(layout_row(rows.len()).is_null());
        assert_eq!(rows.len(), 5 + 13); // five structs, 13 fields
        let radius = ("Circle".into(), Some("radius".into()), 16, 8);
        assert!(rows.contains(&radius));
        let points = ("Polygon".into(), Some("points".into()), 8, 128);
        assert!(rows.contains(&points));
    }
}
