//! A global allocator that counts live allocations.
//!
//! An example crate installs it with [`install!`], which also exports
//! `live_allocations()` to Python. Reading the count before and after some
//! calls proves whether those calls leak: every allocation Rust makes must
//! be matched by a free.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering};

static LIVE: AtomicI64 = AtomicI64::new(0);

// ANCHOR: allocator
/// The system allocator, plus a count of blocks allocated and not freed.
pub struct CountingAllocator;

// SAFETY: every call is forwarded unchanged to the system allocator,
// which upholds the `GlobalAlloc` contract; counting does not affect it.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract for `layout`.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            LIVE.fetch_add(1, Ordering::Relaxed);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc_zeroed`'s contract.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            LIVE.fetch_add(1, Ordering::Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: `block` came from this allocator with this `layout`.
        unsafe { System.dealloc(block, layout) };
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }

    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        // SAFETY: the caller upholds `realloc`'s contract. A block that
        // moves is still one live block, so the count does not change.
        unsafe { System.realloc(block, layout, new_size) }
    }
}

/// How many blocks are allocated and not yet freed, in this library.
pub fn live_allocations() -> i64 {
    LIVE.load(Ordering::Relaxed)
}
// ANCHOR_END: allocator

// ANCHOR: install
/// Makes [`CountingAllocator`] the crate's global allocator and exports
/// `int64_t live_allocations(void)` for Python.
#[macro_export]
macro_rules! install {
    () => {
        #[global_allocator]
        static ALLOCATOR: $crate::CountingAllocator = $crate::CountingAllocator;

        /// Blocks this library allocated and has not freed yet.
        #[unsafe(no_mangle)]
        pub extern "C" fn live_allocations() -> i64 {
            $crate::live_allocations()
        }
    };
}
// ANCHOR_END: install

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_an_allocation_until_it_is_freed() {
        let layout = Layout::new::<[u64; 4]>();
        let before = live_allocations();
        // SAFETY: layout has a non-zero size; the block is freed below
        // with the same layout.
        unsafe {
            let block = CountingAllocator.alloc(layout);
            assert!(!block.is_null());
            assert_eq!(live_allocations(), before + 1);
            let block = CountingAllocator.realloc(block, layout, 64);
            assert_eq!(live_allocations(), before + 1);
            let bigger = Layout::from_size_align(64, layout.align()).unwrap();
            CountingAllocator.dealloc(block, bigger);
        }
        assert_eq!(live_allocations(), before);
    }
}
