/* 16550 register numbers (multiplied by the port's register spacing) and bits. */
#ifndef DRIVERS_SERIAL_8250_REGS_H
#define DRIVERS_SERIAL_8250_REGS_H

#define UART_TX 0  /* transmit holding (write) */
#define UART_RX 0  /* receive buffer (read) */
#define UART_DLL 0 /* divisor latch low (LCR.DLAB set) */
#define UART_DLM 1 /* divisor latch high (LCR.DLAB set) */
#define UART_IER 1 /* interrupt enable */
#define UART_IIR 2 /* interrupt identification (read) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_USR 31 /* DesignWare: UART status */

#define UART_IER_RDI 0x01  /* receive data available */
#define UART_IER_THRI 0x02 /* transmit holding register empty */
#define UART_IER_RLSI 0x04 /* receive line status */

#define UART_IIR_NO_INT 0x01
#define UART_IIR_ID 0x0e
#define UART_IIR_BUSY 0x07 /* DesignWare: LCR written while busy */

#define UART_FCR_ENABLE_FIFO 0x01
#define UART_FCR_CLEAR_RCVR 0x02
#define UART_FCR_CLEAR_XMIT 0x04

#define UART_LCR_DLAB 0x80
#define UART_LCR_PARITY 0x08
#define UART_LCR_EPAR 0x10
#define UART_LCR_WLEN(bits) ((bits) - 5)

#define UART_MCR_OUT2 0x08

#define UART_LSR_DR 0x01   /* receive data ready */
#define UART_LSR_OE 0x02   /* overrun */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty */

#define UART_USR_BUSY 0x01

#endif
