#pragma once
// A dense row-major matrix value type, small on purpose: the travel matrices
// need storage, indexing and whole-matrix comparison, not linear algebra, and
// a public header that pulled a linear-algebra library in would make every
// user of the route or model headers parse it.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <span>
#include <utility>

namespace fsd {

/// Dense `rows x cols` matrix of `T`, row-major (entry (r, c) at
/// `data()[r * cols() + c]`), so a row is contiguous and the storage maps to a
/// C-ordered NumPy array without a copy. Copies are deep; a moved-from matrix
/// is empty. Sizes and indices are `std::ptrdiff_t`, as in the standard
/// containers' `difference_type`, so index arithmetic stays signed.
template <class T>
class RowMajorMatrix {
public:
    using Scalar = T;
    using Index = std::ptrdiff_t;

    /// An empty 0 x 0 matrix.
    RowMajorMatrix() = default;
    /// A `rows x cols` matrix of zeros.
    RowMajorMatrix(Index rows, Index cols) : RowMajorMatrix(for_overwrite(rows, cols)) { fill(T{}); }

    /// A matrix written row by row, `{{0, 5}, {7, 0}}`; rows of unequal
    /// length throw std::invalid_argument (a programming error, not input).
    RowMajorMatrix(std::initializer_list<std::initializer_list<T>> rows)
        : RowMajorMatrix(for_overwrite(static_cast<Index>(rows.size()),
                                       rows.size() == 0 ? 0 : static_cast<Index>(rows.begin()->size()))) {
        T* out = data();
        for (const auto& row : rows) {
            if (static_cast<Index>(row.size()) != cols_) throw std::invalid_argument("RowMajorMatrix: rows of unequal length");
            out = std::copy(row.begin(), row.end(), out);
        }
    }

    /// A `rows x cols` matrix whose entries are left unwritten, for a caller
    /// that writes every one: the memory is not touched before that (which
    /// for a large matrix is most of the cost of making it).
    static RowMajorMatrix for_overwrite(Index rows, Index cols) {
        RowMajorMatrix m;
        m.rows_ = rows;
        m.cols_ = cols;
        if (rows * cols > 0) m.data_ = std::make_unique_for_overwrite<T[]>(static_cast<std::size_t>(rows * cols));
        return m;
    }
    /// A `rows x cols` matrix with every entry `value`.
    static RowMajorMatrix constant(Index rows, Index cols, const T& value) {
        RowMajorMatrix m = for_overwrite(rows, cols);
        m.fill(value);
        return m;
    }

    RowMajorMatrix(const RowMajorMatrix& other) : RowMajorMatrix(for_overwrite(other.rows_, other.cols_)) {
        std::copy(other.data(), other.data() + other.size(), data());
    }
    RowMajorMatrix(RowMajorMatrix&& other) noexcept
        : rows_(std::exchange(other.rows_, 0)), cols_(std::exchange(other.cols_, 0)), data_(std::move(other.data_)) {}
    RowMajorMatrix& operator=(const RowMajorMatrix& other) {
        if (this != &other) *this = RowMajorMatrix(other);
        return *this;
    }
    RowMajorMatrix& operator=(RowMajorMatrix&& other) noexcept {
        rows_ = std::exchange(other.rows_, 0);
        cols_ = std::exchange(other.cols_, 0);
        data_ = std::move(other.data_);
        return *this;
    }
    ~RowMajorMatrix() = default;

    /// Number of rows.
    Index rows() const { return rows_; }
    /// Number of columns.
    Index cols() const { return cols_; }
    /// Number of entries, rows() * cols().
    Index size() const { return rows_ * cols_; }
    /// The entries, row after row (null when empty).
    T* data() { return data_.get(); }
    const T* data() const { return data_.get(); }

    /// The entries in storage order (row after row), for whole-matrix loops.
    T* begin() { return data(); }
    T* end() { return data() + size(); }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size(); }

    /// Entry at row `r`, column `c`; not range-checked (the callers' indices
    /// come from a validated Problem).
    T& operator()(Index r, Index c) { return data_[static_cast<std::size_t>(r * cols_ + c)]; }
    const T& operator()(Index r, Index c) const { return data_[static_cast<std::size_t>(r * cols_ + c)]; }
    /// Row `r` as a contiguous span.
    std::span<T> row(Index r) { return {data() + r * cols_, static_cast<std::size_t>(cols_)}; }
    std::span<const T> row(Index r) const { return {data() + r * cols_, static_cast<std::size_t>(cols_)}; }

    /// Sets every entry to `value`.
    void fill(const T& value) { std::fill(data(), data() + size(), value); }
    /// Whether every entry is zero (true for an empty matrix).
    bool is_zero() const {
        return std::all_of(data(), data() + size(), [](const T& v) { return v == T{}; });
    }

    /// Makes the matrix `rows x cols` with all entries zero.
    void resize(Index rows, Index cols) { *this = RowMajorMatrix(rows, cols); }
    /// Makes the matrix `rows x cols` keeping the entries both sizes share;
    /// the new ones are zero.
    void resize_keeping(Index rows, Index cols) {
        RowMajorMatrix out(rows, cols);
        const Index keep_rows = std::min(rows, rows_), keep_cols = std::min(cols, cols_);
        for (Index r = 0; r < keep_rows; ++r) std::copy_n(data() + r * cols_, keep_cols, out.data() + r * cols);
        *this = std::move(out);
    }

    /// Same shape and same entries.
    friend bool operator==(const RowMajorMatrix& a, const RowMajorMatrix& b) {
        return a.rows_ == b.rows_ && a.cols_ == b.cols_ && std::equal(a.data(), a.data() + a.size(), b.data());
    }

private:
    Index rows_ = 0;
    Index cols_ = 0;
    std::unique_ptr<T[]> data_;
};

}  // namespace fsd
